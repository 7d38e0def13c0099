/** OpenTelemetry spans of model calls, in the GenAI semantic conventions. */
package io.backstop.diagnosis.telemetry;
