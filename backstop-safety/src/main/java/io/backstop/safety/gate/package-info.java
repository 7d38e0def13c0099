/** The gates as entry points: quality (groundedness), action (before any write) and autonomy. */
package io.backstop.safety.gate;
