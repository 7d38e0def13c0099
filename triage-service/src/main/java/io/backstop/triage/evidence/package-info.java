/** Gathering and numbering evidence, recognising symptoms and judging how each revision ran. */
package io.backstop.triage.evidence;
