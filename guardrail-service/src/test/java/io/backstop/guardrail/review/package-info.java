/** Tests of guardrail-service's review package. */
package io.backstop.guardrail.review;
