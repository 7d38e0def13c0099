/** The web console's model: incidents, pending approvals and people's decisions, from the audit. */
package io.backstop.escalation.console;
