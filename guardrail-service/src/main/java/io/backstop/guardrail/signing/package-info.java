/** The guardrail's signing key and the publisher that signs every authorization it emits. */
package io.backstop.guardrail.signing;
