/** Tests of the safety core's review package. */
package io.backstop.safety.review;
