/**
 * {@code backstop eval} and {@code backstop whatif}: the guardrail scored and re-judged offline.
 */
package io.backstop.cli.eval;
