/** Tests of the safety core's policy package. */
package io.backstop.safety.policy;
