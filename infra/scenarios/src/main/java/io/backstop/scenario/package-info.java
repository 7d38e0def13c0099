/** The scenario format: records for one incident to run end to end, and the validating loader. */
package io.backstop.scenario;
