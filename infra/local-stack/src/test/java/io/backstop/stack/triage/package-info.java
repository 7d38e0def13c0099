/** Triage's reader against the sandbox cluster over real HTTP, without the rest of the stack. */
package io.backstop.stack.triage;
