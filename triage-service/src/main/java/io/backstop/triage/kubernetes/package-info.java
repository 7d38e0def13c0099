/** Read-only access to the Kubernetes API through fabric8: get, list and log, nothing else. */
package io.backstop.triage.kubernetes;
