/** The local counterpart of a ticketing MCP server: tickets as files, served over MCP. */
package io.backstop.infra.ticket;
