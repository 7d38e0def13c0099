/** JMH benchmarks of the safety core; run with the {@code benchmarks} profile, never in verify. */
package io.backstop.safety.benchmark;
