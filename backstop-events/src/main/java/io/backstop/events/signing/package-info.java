/**
 * Ed25519 signatures on the events that authorize something, with the JDK's own provider: the
 * guardrail signs each {@code ActionApproved} and each {@code BreakerReset} it accepted from an
 * authenticated operator; the executor (and any replay) accepts them only under a trusted public
 * key. The signature covers the canonical form of the document, so it is checked over the bytes as
 * received, whatever contract version wrote them.
 */
package io.backstop.events.signing;
