/** The Spring Cloud Stream function bean guard: proposals, decisions and outcomes in. */
package io.backstop.guardrail.messaging;
