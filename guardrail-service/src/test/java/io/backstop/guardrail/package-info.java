/** Tests of guardrail-service's configuration and startup. */
package io.backstop.guardrail;
