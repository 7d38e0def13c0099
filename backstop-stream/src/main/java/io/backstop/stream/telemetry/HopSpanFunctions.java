package io.backstop.stream.telemetry;

import java.util.List;
import org.springframework.cloud.function.context.catalog.FunctionAroundWrapper;
import org.springframework.cloud.function.context.catalog.SimpleFunctionRegistry.FunctionInvocationWrapper;
import org.springframework.messaging.Message;

/**
 * Every function bean's invocation on one record inside its hop's span ({@link HopSpans}). A batch
 * (a list payload) passes through: {@link io.backstop.stream.batch.Batches} spans each of its
 * records. Spring Cloud Function takes one around-wrapper; the one it would otherwise install (its
 * Micrometer observation of each invocation) runs inside this one.
 */
public final class HopSpanFunctions extends FunctionAroundWrapper {

  private final HopSpans spans;
  private final FunctionAroundWrapper inner;

  public HopSpanFunctions(HopSpans spans, FunctionAroundWrapper inner) {
    this.spans = spans;
    this.inner = inner;
  }

  @Override
  protected Object doApply(Object input, FunctionInvocationWrapper function) {
    if (input instanceof Message<?> message && !(message.getPayload() instanceof List<?>)) {
      return spans.around(message, () -> invoke(input, function));
    }
    return invoke(input, function);
  }

  private Object invoke(Object input, FunctionInvocationWrapper function) {
    return inner == null ? function.apply(input) : inner.apply(input, function);
  }
}
