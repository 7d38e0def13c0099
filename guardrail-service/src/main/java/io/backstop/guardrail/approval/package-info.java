/** Pending approvals: what a person was asked to approve, who did, and how each one ended. */
package io.backstop.guardrail.approval;
