/** Tests of the safety core's facts package. */
package io.backstop.safety.facts;
