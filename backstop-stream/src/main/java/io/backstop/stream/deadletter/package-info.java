/**
 * The one poison rule (unreadable or edited input, never retried) and the headers that say why a
 * record was dead-lettered; both the record path ({@code config}) and the batch path use it.
 */
package io.backstop.stream.deadletter;
