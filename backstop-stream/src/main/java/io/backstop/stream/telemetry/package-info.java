/** What every service exposes for operators: pipeline meters and the Prometheus endpoint. */
package io.backstop.stream.telemetry;
