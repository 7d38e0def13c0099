/** Tests of the safety core's breaker package. */
package io.backstop.safety.breaker;
