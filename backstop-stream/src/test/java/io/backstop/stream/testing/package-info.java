/** Test support for service integration tests: an embedded KRaft broker and a topic probe. */
package io.backstop.stream.testing;
