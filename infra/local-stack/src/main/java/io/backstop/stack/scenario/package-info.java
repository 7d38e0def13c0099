/** Runs a scenario end to end through the stack and judges the outcome against its expectation. */
package io.backstop.stack.scenario;
