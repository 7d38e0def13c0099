/** Tests of the local ticket MCP server over real MCP. */
package io.backstop.infra.ticket;
