package io.backstop.modelsim.answer;

import io.backstop.modelsim.Script.Turn;
import io.backstop.scenario.ModelBehaviour.Behaviour;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.ObjectMapper;

/** Turns a scripted behaviour into the reply a real gateway would give for it. */
public final class Responder {

  private final ObjectMapper json;
  private final Replies replies;
  private final Clock clock;
  private final Optional<Duration> slowDelayOverride;

  public Responder(ObjectMapper json, Clock clock, Optional<Duration> slowDelayOverride) {
    this.json = json;
    this.replies = new Replies(json);
    this.clock = clock;
    this.slowDelayOverride = slowDelayOverride;
  }

  /** Answers {@code request} as {@code turn} says; a slow turn sleeps first. */
  public Reply answer(long sequence, ChatRequest request, Turn turn) throws InterruptedException {
    Behaviour applied = turn.applied();
    if (applied == Behaviour.RATE_LIMITED) {
      return rateLimited(request.model(), turn.script().retryAfter());
    }
    if (applied == Behaviour.SERVER_ERROR) {
      return replies.error(
          500,
          "The server had an error while processing your request. Sorry about that!",
          "server_error",
          null);
    }
    if (applied == Behaviour.SLOW) {
      Thread.sleep(slowDelayOverride.orElse(turn.script().delay()).toMillis());
    }
    String content =
        applied == Behaviour.UNPARSEABLE ? turn.script().text() : diagnosis(request, turn);
    return replies.completion(
        sequence, request.model(), clock.instant(), content, request.promptText().length());
  }

  private String diagnosis(ChatRequest request, Turn turn) {
    var cited = EvidenceCitation.cite(request.promptText(), turn.diagnosis());
    String answer = DiagnosisJson.render(json, turn.diagnosis(), cited);
    return request.jsonResponse() ? answer : "```json\n" + answer + "\n```";
  }

  private Reply rateLimited(String model, Duration retryAfter) {
    long seconds = Math.max(1, retryAfter.toSeconds());
    return replies.error(
        429,
        "Rate limit reached for "
            + model
            + " on requests per min (RPM): Limit 60, Used 60, Requested 1. Please try again in "
            + seconds
            + "s.",
        "requests",
        "rate_limit_exceeded",
        Map.of("Retry-After", Long.toString(seconds)));
  }
}
