/** Ticketing adapter: an MCP client that opens and updates one ticket per incident. */
package io.backstop.escalation.mcp;
