/** Approved actions, their preconditions, gate verdicts and execution outcomes. */
package io.backstop.events.action;
