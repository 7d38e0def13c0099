/** Prometheus and Alertmanager for the real alert path: shipped config and a loopback launcher. */
package io.backstop.prometheus;
