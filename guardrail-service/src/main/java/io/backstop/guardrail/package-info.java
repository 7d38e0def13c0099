/** guardrail-service: quality gate, action gate and anomaly budget over every proposal. */
package io.backstop.guardrail;
