/** The thresholds, bounds and budgets of the policy file, validated when loaded. */
package io.backstop.safety.config;
