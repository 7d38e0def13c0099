/** Tests of the pipeline meters and the Prometheus defaults. */
package io.backstop.stream.telemetry;
