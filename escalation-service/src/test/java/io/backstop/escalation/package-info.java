/** Tests of the escalation flow against the local pager inbox and ticket MCP server. */
package io.backstop.escalation;
