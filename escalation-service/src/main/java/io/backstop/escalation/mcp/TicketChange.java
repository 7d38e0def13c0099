package io.backstop.escalation.mcp;

/**
 * An update to an existing ticket: a comment saying what happened, the refreshed timeline as the
 * new body, and a status ({@code resolved} when Backstop's action verified, else null to keep it).
 */
public record TicketChange(String ticket, String comment, String body, String status) {}
