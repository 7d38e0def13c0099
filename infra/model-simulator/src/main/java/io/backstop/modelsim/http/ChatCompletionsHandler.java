package io.backstop.modelsim.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.backstop.modelsim.CallJournal;
import io.backstop.modelsim.CallRecord;
import io.backstop.modelsim.RequestBody;
import io.backstop.modelsim.Script;
import io.backstop.modelsim.answer.BadRequestException;
import io.backstop.modelsim.answer.ChatRequest;
import io.backstop.modelsim.answer.Replies;
import io.backstop.modelsim.answer.Reply;
import io.backstop.modelsim.answer.Responder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import tools.jackson.databind.ObjectMapper;

/**
 * {@code POST /v1/chat/completions}: answers each call as the script says, and journals it (the
 * call, and the body of every request that passed the API key check).
 */
public final class ChatCompletionsHandler implements HttpHandler {

  private final Script script;
  private final Responder responder;
  private final Replies replies;
  private final ApiKeyCheck keys;
  private final CallJournal journal;
  private final ObjectMapper json;
  private final Clock clock;

  public ChatCompletionsHandler(
      Script script,
      Responder responder,
      CallJournal journal,
      String apiKey,
      ObjectMapper json,
      Clock clock) {
    this.script = script;
    this.responder = responder;
    this.replies = new Replies(json);
    this.keys = new ApiKeyCheck(apiKey, replies);
    this.journal = journal;
    this.json = json;
    this.clock = clock;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    long sequence = journal.nextSequence();
    Instant at = clock.instant();
    long started = System.nanoTime();
    Outcome outcome = outcome(exchange, sequence);
    Reply reply = outcome.reply();
    journal.add(
        new CallRecord(
            sequence,
            outcome.model(),
            at,
            outcome.behaviour(),
            reply.status(),
            outcome.promptChars(),
            reply.promptTokens(),
            reply.completionTokens(),
            (System.nanoTime() - started) / 1_000_000));
    Exchanges.send(exchange, reply);
  }

  private Outcome outcome(HttpExchange exchange, long sequence) throws IOException {
    if (!"POST".equals(exchange.getRequestMethod())) {
      return new Outcome("", "bad-request", 0, methodNotAllowed(exchange));
    }
    var refusal = keys.refusal(exchange);
    if (refusal.isPresent()) {
      return new Outcome("", "unauthorized", 0, refusal.get());
    }
    byte[] body = Exchanges.body(exchange);
    journal.addBody(new RequestBody(sequence, new String(body, StandardCharsets.UTF_8)));
    ChatRequest request;
    try {
      request = ChatRequest.parse(json, body);
    } catch (BadRequestException e) {
      return new Outcome("", "bad-request", 0, invalid(e.getMessage()));
    }
    int promptChars = request.promptText().length();
    if (request.stream()) {
      return new Outcome(
          request.model(),
          "bad-request",
          promptChars,
          invalid("stream=true is not supported by the model simulator; send stream=false"));
    }
    var turn = script.next(request.model());
    if (turn.isEmpty()) {
      return new Outcome(
          request.model(), "unknown-model", promptChars, unknownModel(request.model()));
    }
    String behaviour = turn.get().applied().name().toLowerCase(Locale.ROOT).replace('_', '-');
    try {
      return new Outcome(
          request.model(), behaviour, promptChars, responder.answer(sequence, request, turn.get()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Outcome(
          request.model(),
          behaviour,
          promptChars,
          replies.error(503, "the model simulator is shutting down", "server_error", null));
    }
  }

  private Reply methodNotAllowed(HttpExchange exchange) {
    return replies.error(
        405,
        "method " + exchange.getRequestMethod() + " not allowed on /v1/chat/completions; use POST",
        "invalid_request_error",
        null);
  }

  private Reply invalid(String message) {
    return replies.error(400, message, "invalid_request_error", null);
  }

  private Reply unknownModel(String model) {
    return replies.error(
        404,
        "The model `" + model + "` does not exist or you do not have access to it.",
        "invalid_request_error",
        "model_not_found");
  }

  private record Outcome(String model, String behaviour, int promptChars, Reply reply) {}
}
