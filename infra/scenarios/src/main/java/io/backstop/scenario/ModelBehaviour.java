package io.backstop.scenario;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Duration;

/**
 * How one model answers during a scenario. {@code honestAfter}: after that many calls answered with
 * {@code behaviour}, the model answers honestly. {@code retryAfter} is the Retry-After a
 * rate-limited model sends; {@code delay} how long a slow model takes; {@code text} the prose an
 * unparseable model writes.
 */
public record ModelBehaviour(
    Behaviour behaviour, Integer honestAfter, Duration retryAfter, Duration delay, String text) {

  public static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(20);
  public static final Duration DEFAULT_DELAY = Duration.ofSeconds(30);
  public static final String DEFAULT_TEXT =
      "Looking at these signals, something is clearly off with the service. It could be the"
          + " latest deploy, or the database, or the network; you may want to roll something back"
          + " or maybe restart a few things and see what happens.";

  public ModelBehaviour {
    retryAfter = retryAfter == null ? DEFAULT_RETRY_AFTER : retryAfter;
    delay = delay == null ? DEFAULT_DELAY : delay;
    text = text == null ? DEFAULT_TEXT : text;
  }

  public static ModelBehaviour of(Behaviour behaviour) {
    return new ModelBehaviour(behaviour, null, null, null, null);
  }

  /** The behaviour for the call numbered {@code callNumber} (1 for the first call). */
  public Behaviour behaviourForCall(int callNumber) {
    return honestAfter != null && callNumber > honestAfter ? Behaviour.HONEST : behaviour;
  }

  /** What a model does when called. */
  public enum Behaviour {
    @JsonProperty("honest")
    HONEST,
    @JsonProperty("hallucinate")
    HALLUCINATE,
    @JsonProperty("rate-limited")
    RATE_LIMITED,
    @JsonProperty("server-error")
    SERVER_ERROR,
    @JsonProperty("slow")
    SLOW,
    @JsonProperty("unparseable")
    UNPARSEABLE
  }
}
