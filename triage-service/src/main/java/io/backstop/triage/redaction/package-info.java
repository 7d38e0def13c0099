/**
 * Secret redaction and prompt-injection flagging, applied to every text before it leaves triage.
 */
package io.backstop.triage.redaction;
