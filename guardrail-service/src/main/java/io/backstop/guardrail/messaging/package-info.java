/** The Spring Cloud Stream function beans: reviewProposal and recordOutcome. */
package io.backstop.guardrail.messaging;
