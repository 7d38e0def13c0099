/**
 * The exact write as a value: the JSON Patch the executor sends, planned once for both services.
 */
package io.backstop.safety.plan;
