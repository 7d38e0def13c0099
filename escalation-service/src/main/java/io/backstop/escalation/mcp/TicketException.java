package io.backstop.escalation.mcp;

/** A ticket operation failed: the MCP server was unreachable, refused, or answered a tool error. */
public final class TicketException extends RuntimeException {

  private final String tool;

  public TicketException(String tool, String message, Throwable cause) {
    super("ticket tool '" + tool + "' failed: " + message, cause);
    this.tool = tool;
  }

  public String tool() {
    return tool;
  }
}
