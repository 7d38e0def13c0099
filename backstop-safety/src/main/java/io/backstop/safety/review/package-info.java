/** The one review path: signals and diagnosis plus budget and breaker state in, a decision out. */
package io.backstop.safety.review;
