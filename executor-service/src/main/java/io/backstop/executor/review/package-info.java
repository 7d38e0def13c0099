/** The re-check over backstop-safety: the same action gate and breaker the guardrail uses. */
package io.backstop.executor.review;
