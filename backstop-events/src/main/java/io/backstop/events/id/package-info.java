/** Identifiers as records, with the deterministic derivations that make redelivery idempotent. */
package io.backstop.events.id;
