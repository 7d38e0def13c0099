/** Tests of guardrail-service's state package. */
package io.backstop.guardrail.state;
