/** Tests of {@code backstop guardrails evaluate}. */
package io.backstop.cli.guardrails;
