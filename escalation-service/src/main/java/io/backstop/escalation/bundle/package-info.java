/** The incident bundle: the audit log of one incident rendered as a readable Markdown timeline. */
package io.backstop.escalation.bundle;
