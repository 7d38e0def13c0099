/**
 * What must hold before a write: an authentic approval, the re-run action gate, a closed breaker,
 * unchanged live preconditions.
 */
package io.backstop.executor.check;
