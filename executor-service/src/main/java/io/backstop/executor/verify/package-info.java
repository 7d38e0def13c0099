/**
 * After a write: the rollout watched poll by poll and judged HEALTHY, PROGRESSING or CRASH_LOOPING.
 */
package io.backstop.executor.verify;
