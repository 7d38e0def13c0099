/** Harnesses that measure and print figures; run by hand, never part of the build's tests. */
package io.backstop.triage.harness;
