package io.backstop.stream.it;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** How often the test function was handed each distinct payload: retries show up here. */
public class Invocations {

  private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();

  void record(byte[] payload) {
    counts.computeIfAbsent(key(payload), k -> new AtomicInteger()).incrementAndGet();
  }

  public int of(byte[] payload) {
    AtomicInteger count = counts.get(key(payload));
    return count == null ? 0 : count.get();
  }

  private static String key(byte[] payload) {
    return new String(payload, StandardCharsets.UTF_8);
  }
}
