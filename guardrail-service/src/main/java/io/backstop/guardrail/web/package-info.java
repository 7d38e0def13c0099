/** HTTP adapters: the what-if evaluation and the authenticated breaker admin endpoints. */
package io.backstop.guardrail.web;
