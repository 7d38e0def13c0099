package io.backstop.escalation.paging;

/**
 * How a page ended: delivered or not, after how many attempts, the last HTTP status (0 when no
 * answer came) and a detail line for the audit record and the dead letter.
 */
public record PageResult(boolean delivered, int attempts, int lastStatus, String detail) {}
