/** Orchestration over the safety core: a proposal or an outcome in, the facts to emit out. */
package io.backstop.guardrail.review;
