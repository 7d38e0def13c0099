/** Reading scenario files: YAML with line positions, JSON Schema validation, consistency checks. */
package io.backstop.scenario.load;
