/**
 * Secret redaction and prompt-injection flagging: the one set of rules applied to every text before
 * it leaves triage and to every field a model writes before the guardrail accepts it.
 */
package io.backstop.redaction;
