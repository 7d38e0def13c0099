/** executor-service: the only hands; a narrow, idempotent, verified write path. */
package io.backstop.executor;
