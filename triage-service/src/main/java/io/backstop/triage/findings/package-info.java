/**
 * What triage finds beyond one workload's own pods and history, as pure functions of what was read:
 * related workloads, node reports, release trains, template drift, config and replica changes, and
 * the symptoms they explain.
 */
package io.backstop.triage.findings;
