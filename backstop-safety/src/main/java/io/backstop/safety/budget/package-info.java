/** The per-incident anomaly and loop budget, as state rebuilt from events. */
package io.backstop.safety.budget;
