/** Signals out: Prometheus exposition and metrics.k8s.io pod metrics. */
package io.backstop.sandbox.metrics;
