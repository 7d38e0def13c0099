/** The Spring Cloud Stream function beans: one per hop, decode, diagnose, publish. */
package io.backstop.diagnosis.messaging;
