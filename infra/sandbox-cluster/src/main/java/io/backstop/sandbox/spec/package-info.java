/**
 * What the sandbox runs: namespaces, Deployments with their revision history, StatefulSets, health
 * profiles and the fault, and the adapter from a scenario.
 */
package io.backstop.sandbox.spec;
