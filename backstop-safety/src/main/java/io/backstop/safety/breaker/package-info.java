/** The global per-namespace write breaker, as state rebuilt from events. */
package io.backstop.safety.breaker;
