/** Incidents from alerts: grouping, deduplication and the incident state kept in Kafka. */
package io.backstop.triage.incident;
