/**
 * The chaos suite: faults done to a running local stack (services killed, the broker restarted,
 * forged and poison records on the topics, hostile requests at every HTTP entry point, redelivery
 * floods) and the invariants checked after them, printed as a table of fault, expectation,
 * observation and whether it held.
 */
package io.backstop.stack.chaos;
