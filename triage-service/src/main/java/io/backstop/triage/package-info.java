/** triage-service: alert intake with dedup, read-only signal gathering and secret redaction. */
package io.backstop.triage;
