/** Integration tests of the stream plumbing against a tiny test function on embedded Kafka. */
package io.backstop.stream.it;
