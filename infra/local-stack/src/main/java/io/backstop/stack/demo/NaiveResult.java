package io.backstop.stack.demo;

import io.backstop.naive.NaiveRun;
import io.backstop.sandbox.SandboxSnapshot;
import java.time.Duration;
import java.util.Optional;

/**
 * What the naive agent did and the state its cluster was left in: {@code recoveredAfter} is how
 * long until every Deployment served again (empty: not within the watch window), {@code
 * prodDbTouched} whether anything wrote to the protected database.
 */
public record NaiveResult(
    NaiveRun run,
    SandboxSnapshot after,
    Optional<Duration> recoveredAfter,
    boolean prodDbTouched,
    long deploymentsRolledBack) {}
