/**
 * SIMULATOR: a Kubernetes API on loopback that reacts like a cluster, for tests, the local stack
 * and the demo; never on a service's production path.
 */
package io.backstop.sandbox;
