package io.backstop.safety;

import io.backstop.safety.breaker.Breakers;
import io.backstop.safety.budget.Budgets;
import io.backstop.safety.gate.ActionGate;
import io.backstop.safety.policy.PolicyBook;
import io.backstop.safety.review.Review;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;

/**
 * The safety core assembled from one policy file: the review (the one path that judges a proposal),
 * the action gate the executor re-runs on an approved action, and fresh budget and breaker state.
 * Safety rationale: guardrail, executor and CLI build it the same way from the same default file
 * (or the same override path), so they judge by the same rules.
 */
public record Guardrails(
    PolicyBook book, ActionGate actionGate, Review review, Budgets budgets, Breakers breakers) {

  /** From the override path when given, else the classpath default; fails on a bad file. */
  public static Guardrails load(Optional<Path> policyFile, Clock clock) {
    return of(policyFile.map(PolicyBook::load).orElseGet(PolicyBook::loadDefault), clock);
  }

  public static Guardrails of(PolicyBook book, Clock clock) {
    return new Guardrails(
        book,
        new ActionGate(book),
        new Review(book),
        new Budgets(book.settings().budget()),
        new Breakers(book.settings().breaker(), clock));
  }
}
