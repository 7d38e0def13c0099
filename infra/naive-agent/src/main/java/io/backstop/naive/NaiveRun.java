package io.backstop.naive;

import java.time.Duration;
import java.util.List;

/** Everything the naive agent did for one alert. {@code error} is empty when it ran to the end. */
public record NaiveRun(
    ModelAnswer answer,
    List<ModelCallRecord> calls,
    List<ToolCall> toolCalls,
    Duration took,
    String error) {}
