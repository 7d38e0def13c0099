/**
 * The exact write as a value (a JSON Patch guarded by the revision the checks saw) and the narrow
 * actuator that applies one.
 */
package io.backstop.executor.plan;
