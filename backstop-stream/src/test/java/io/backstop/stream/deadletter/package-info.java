/** Unit tests of the dead-letter headers. */
package io.backstop.stream.deadletter;
