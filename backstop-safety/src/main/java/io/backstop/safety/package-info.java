/**
 * The safety core: pure, framework-free decisions over a proposal, shared by guardrail and
 * executor.
 */
package io.backstop.safety;
