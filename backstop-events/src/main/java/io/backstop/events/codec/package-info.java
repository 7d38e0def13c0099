/** The one JSON codec: decoding with named errors, canonical form and the SHA-256 hash chain. */
package io.backstop.events.codec;
