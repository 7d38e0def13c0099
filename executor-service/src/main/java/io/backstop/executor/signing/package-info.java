/** Who may authorize the executor: the guardrail's signature on approvals and breaker resets. */
package io.backstop.executor.signing;
