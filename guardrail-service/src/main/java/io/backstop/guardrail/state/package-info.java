/** Budget and breaker state: fed with events, rebuilt from the audit topic at start. */
package io.backstop.guardrail.state;
