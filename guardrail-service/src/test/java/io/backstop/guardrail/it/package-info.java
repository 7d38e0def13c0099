/** guardrail-service integration tests: one Spring context and one embedded KRaft broker. */
package io.backstop.guardrail.it;
