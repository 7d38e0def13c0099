/** The event contract: every fact a Backstop stage emits, as past-tense records. */
package io.backstop.events;
