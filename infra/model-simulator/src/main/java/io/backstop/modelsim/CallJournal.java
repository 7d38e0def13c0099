package io.backstop.modelsim;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/** The in-memory record of every call, in arrival order, for tests and the demo. */
public final class CallJournal {

  private final List<CallRecord> calls = new ArrayList<>();
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

  public synchronized void clear() {
    calls.clear();
  }
}
