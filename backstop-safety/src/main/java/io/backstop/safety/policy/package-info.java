/**
 * Policies as small composable functions over facts, the fail-closed combinator and the policy
 * file.
 */
package io.backstop.safety.policy;
