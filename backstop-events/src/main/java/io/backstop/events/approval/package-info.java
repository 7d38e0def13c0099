/** Human approval of one exact write: who decided, and why a decision was refused. */
package io.backstop.events.approval;
