/**
 * executor-service: the only hands; a narrow, idempotent, verified write path. {@link
 * io.backstop.executor.ApprovalExecutor} takes one approval to one outcome through {@code check},
 * {@code plan}, the write and {@code verify}, all reading the cluster through {@code live}.
 */
package io.backstop.executor;
