/** Tests of timeline ordering and hash-chain verification. */
package io.backstop.events.audit;
