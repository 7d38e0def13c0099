/**
 * Workload behaviour from health profiles: pod lifecycles, traffic and error signals, and log text.
 */
package io.backstop.sandbox.workload;
