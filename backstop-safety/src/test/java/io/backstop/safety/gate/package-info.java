/** Tests of the safety core's gate package. */
package io.backstop.safety.gate;
