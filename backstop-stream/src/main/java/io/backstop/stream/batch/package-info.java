/**
 * Batches: one transaction per poll, each record handled as a record listener would handle it, a
 * failing record retried with its batch and then dead-lettered alone.
 */
package io.backstop.stream.batch;
