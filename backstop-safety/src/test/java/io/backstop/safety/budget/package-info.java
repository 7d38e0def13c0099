/** Tests of the safety core's budget package. */
package io.backstop.safety.budget;
