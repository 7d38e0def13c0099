/** Tests of the MCP ticket client against the local ticket MCP server over real MCP. */
package io.backstop.escalation.mcp;
