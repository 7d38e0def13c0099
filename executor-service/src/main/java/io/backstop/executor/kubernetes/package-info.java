/** Kubernetes adapters: the narrow write client, the live-state reader and the client setup. */
package io.backstop.executor.kubernetes;
