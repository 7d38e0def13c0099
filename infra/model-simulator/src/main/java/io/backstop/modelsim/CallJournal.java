package io.backstop.modelsim;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The in-memory record of every call, in arrival order, for tests and the demo; and the bodies of
 * the chat requests that passed the API key check, the first {@link #BODIES_KEPT} of them (a long
 * demo must not grow without bound; {@link #bodiesNotKept()} counts the rest, so a check over the
 * bodies knows it did not see them all).
 */
public final class CallJournal {

  /** How many request bodies are kept until {@link #clear()}. */
  public static final int BODIES_KEPT = 2_000;

  private final List<CallRecord> calls = new ArrayList<>();
  private final List<RequestBody> bodies = new ArrayList<>();
  private long bodiesNotKept;
  private final AtomicLong sequence = new AtomicLong();

  public long nextSequence() {
    return sequence.incrementAndGet();
  }

  public synchronized void add(CallRecord call) {
    calls.add(call);
  }

  public synchronized List<CallRecord> calls() {
    return List.copyOf(calls);
  }

  /** Keeps a request's body, unless {@link #BODIES_KEPT} are kept already (then counts it). */
  public synchronized void addBody(RequestBody body) {
    if (bodies.size() < BODIES_KEPT) {
      bodies.add(body);
    } else {
      bodiesNotKept++;
    }
  }

  public synchronized List<RequestBody> bodies() {
    return List.copyOf(bodies);
  }

  public synchronized long bodiesNotKept() {
    return bodiesNotKept;
  }

  public synchronized void clear() {
    calls.clear();
    bodies.clear();
    bodiesNotKept = 0;
  }
}
