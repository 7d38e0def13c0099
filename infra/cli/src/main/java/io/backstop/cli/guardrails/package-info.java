/** {@code backstop guardrails}: judge a recorded proposal with the guardrail's own review path. */
package io.backstop.cli.guardrails;
