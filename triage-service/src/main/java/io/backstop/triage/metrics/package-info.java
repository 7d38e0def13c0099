/** Metrics through the Prometheus HTTP API: named PromQL queries, ranges and the anomaly onset. */
package io.backstop.triage.metrics;
