/** Verdicts as values: allow, deny or escalate, each naming the policy that decided. */
package io.backstop.safety.verdict;
