/**
 * How a service reaches the Kubernetes API; the one place that decides which credential is used.
 */
package io.backstop.kubernetes;
