/** Tests of guardrail-service's web package. */
package io.backstop.guardrail.web;
