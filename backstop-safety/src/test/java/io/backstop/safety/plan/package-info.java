/** The planner's rows. */
package io.backstop.safety.plan;
