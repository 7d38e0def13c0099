package io.backstop.diagnosis.llm;

import com.openai.errors.OpenAIInvalidDataException;
import com.openai.errors.OpenAIIoException;
import com.openai.errors.OpenAIServiceException;
import io.backstop.diagnosis.chain.ModelCallException;
import io.backstop.events.diagnosis.CallOutcome;
import io.backstop.stream.http.RetryAfter;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.List;

/** Classifies what the OpenAI client threw into a {@link CallOutcome} for the record. */
final class GatewayErrors {

  private GatewayErrors() {}

  static ModelCallException classify(RuntimeException e) {
    if (e instanceof ModelCallException already) {
      return already;
    }
    if (e instanceof OpenAIServiceException http) {
      return http(http);
    }
    if (e instanceof OpenAIIoException io) {
      return causedByTimeout(io)
          ? new ModelCallException(CallOutcome.TIMEOUT, null, "timed out: " + rootMessage(io), e)
          : new ModelCallException(
              CallOutcome.SERVER_ERROR, null, "gateway unreachable: " + rootMessage(io), e);
    }
    if (e instanceof OpenAIInvalidDataException invalid) {
      return new ModelCallException(
          CallOutcome.UNPARSEABLE, null, "not a chat completion: " + invalid.getMessage(), e);
    }
    return new ModelCallException(CallOutcome.CLIENT_ERROR, null, "unexpected: " + e, e);
  }

  private static ModelCallException http(OpenAIServiceException e) {
    int status = e.statusCode();
    String detail = "HTTP " + status + ": " + e.getMessage();
    if (status == 429) {
      Duration wait = retryAfter(e.headers().values("retry-after-ms"), true);
      if (wait == null) {
        wait = retryAfter(e.headers().values("retry-after"), false);
      }
      return new ModelCallException(CallOutcome.RATE_LIMITED, wait, detail, e);
    }
    if (status == 408) {
      return new ModelCallException(CallOutcome.TIMEOUT, null, detail, e);
    }
    CallOutcome outcome = status >= 500 ? CallOutcome.SERVER_ERROR : CallOutcome.CLIENT_ERROR;
    return new ModelCallException(outcome, null, detail, e);
  }

  /**
   * {@code Retry-After} in seconds (or {@code retry-after-ms}), read by the one {@link RetryAfter};
   * an HTTP date is not honoured (the gateways send seconds).
   */
  static Duration retryAfter(List<String> values, boolean millis) {
    if (values.isEmpty()) {
      return null;
    }
    String value = values.get(0);
    return (millis ? RetryAfter.millis(value) : RetryAfter.seconds(value)).orElse(null);
  }

  private static boolean causedByTimeout(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof InterruptedIOException) {
        return true;
      }
    }
    return false;
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null) {
      root = root.getCause();
    }
    return root.getClass().getSimpleName() + ": " + root.getMessage();
  }
}
