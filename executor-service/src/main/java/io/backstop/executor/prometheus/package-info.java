/** The error signal after a write, read from Prometheus' HTTP query API. */
package io.backstop.executor.prometheus;
