/**
 * escalation-service: pages the on-call and opens the ticket over MCP, with the whole incident
 * attached.
 */
package io.backstop.escalation;
