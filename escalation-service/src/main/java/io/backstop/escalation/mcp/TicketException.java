package io.backstop.escalation.mcp;

/** A ticket operation failed: the MCP server was unreachable, refused, or answered a tool error. */
public final class TicketException extends RuntimeException {

  private final String tool;
  private final int attempts;

  public TicketException(String tool, int attempts, String message, Throwable cause) {
    super("ticket tool '" + tool + "' failed: " + message, cause);
    this.tool = tool;
    this.attempts = attempts;
  }

  /** How many calls were made before giving up. */
  public int attempts() {
    return attempts;
  }

  public String tool() {
    return tool;
  }
}
