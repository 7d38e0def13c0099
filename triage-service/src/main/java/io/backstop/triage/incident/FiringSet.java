package io.backstop.triage.incident;

import java.util.AbstractSet;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The fingerprints of a group still firing, as an immutable value whose next version costs O(1)
 * instead of a copy: each version is a view at a version number over one shared log of when each
 * fingerprint started and stopped firing. A storm of n distinct alerts in one group used to copy
 * the group's set once per alert, O(n²) (10,000 fingerprints: 50 million insertions, and the
 * webhook's rate halved); now only the newest version extends the log, in place.
 *
 * <p>Every version stays what it was: a version that is not the newest (an admission rolled back,
 * so the store still holds the one before) never writes to the log; its next version starts a log
 * of its own from a copy. The log keeps the spans older versions need; once as many spans ended as
 * are live, the next removal compacts into a fresh log (amortised O(1)). Reads and writes hold the
 * log's lock: a version may be read (serialised, compared) on one thread while the newest is
 * extended on another.
 */
final class FiringSet extends AbstractSet<String> {

  private static final long LIVE = Long.MAX_VALUE;
  private static final int COMPACT_FLOOR = 64;

  /** When a fingerprint fired: from {@code added} (inclusive) to {@code removed} (exclusive). */
  private static final class Span {
    private final long added;
    private final Span earlier;
    private long removed = LIVE;

    private Span(long added, Span earlier) {
      this.added = added;
      this.earlier = earlier;
    }

    private boolean liveAt(long version) {
      for (Span s = this; s != null; s = s.earlier) {
        if (s.added <= version && version < s.removed) {
          return true;
        }
      }
      return false;
    }
  }

  /** The shared history; only the version equal to {@code newest} may extend it. */
  private static final class Log {
    private final Map<String, Span> spans = new LinkedHashMap<>();
    private long newest;
    private int ended;
  }

  private static final FiringSet EMPTY = new FiringSet(new Log(), 0, 0);

  private final Log log;
  private final long version;
  private final int size;

  private FiringSet(Log log, long version, int size) {
    this.log = log;
    this.version = version;
    this.size = size;
  }

  /** {@code fingerprints} as a firing set (one copy); a firing set is returned as it is. */
  static FiringSet of(Collection<String> fingerprints) {
    if (fingerprints instanceof FiringSet own) {
      return own;
    }
    if (fingerprints.isEmpty()) {
      return EMPTY;
    }
    Log log = new Log();
    for (String f : fingerprints) {
      log.spans.putIfAbsent(Objects.requireNonNull(f, "a firing fingerprint"), new Span(0, null));
    }
    return new FiringSet(log, 0, log.spans.size());
  }

  /** This set and {@code fingerprint}; this set itself when it already holds it. */
  FiringSet with(String fingerprint) {
    synchronized (log) {
      Span span = log.spans.get(fingerprint);
      if (span != null && span.liveAt(version)) {
        return this;
      }
      if (version != log.newest || this == EMPTY) {
        return fresh(fingerprint, null);
      }
      long next = ++log.newest;
      log.spans.put(fingerprint, new Span(next, span));
      return new FiringSet(log, next, size + 1);
    }
  }

  /** This set without {@code fingerprint}; this set itself when it does not hold it. */
  FiringSet without(String fingerprint) {
    synchronized (log) {
      Span span = log.spans.get(fingerprint);
      if (span == null || !span.liveAt(version)) {
        return this;
      }
      if (version != log.newest || log.ended + 1 > Math.max(COMPACT_FLOOR, size - 1)) {
        return fresh(null, fingerprint);
      }
      long next = ++log.newest;
      span.removed = next;
      log.ended++;
      return new FiringSet(log, next, size - 1);
    }
  }

  /** A log of its own holding this version's fingerprints, plus or minus one. Caller holds lock. */
  private FiringSet fresh(String plus, String minus) {
    Log copy = new Log();
    for (Map.Entry<String, Span> e : log.spans.entrySet()) {
      if (e.getValue().liveAt(version) && !e.getKey().equals(minus)) {
        copy.spans.put(e.getKey(), new Span(0, null));
      }
    }
    if (plus != null) {
      copy.spans.put(plus, new Span(0, null));
    }
    return copy.spans.isEmpty() ? EMPTY : new FiringSet(copy, 0, copy.spans.size());
  }

  @Override
  public boolean contains(Object o) {
    synchronized (log) {
      Span span = log.spans.get(o);
      return span != null && span.liveAt(version);
    }
  }

  @Override
  public int size() {
    return size;
  }

  /** Iterates a snapshot of this version, in the order fingerprints first fired; read-only. */
  @Override
  public Iterator<String> iterator() {
    List<String> live = new ArrayList<>(size);
    synchronized (log) {
      for (Map.Entry<String, Span> e : log.spans.entrySet()) {
        if (e.getValue().liveAt(version)) {
          live.add(e.getKey());
        }
      }
    }
    return java.util.Collections.unmodifiableList(live).iterator();
  }

  /** Spans the shared log holds, live or kept for older versions; for tests. */
  int logged() {
    synchronized (log) {
      return log.spans.size();
    }
  }

  /** Whether {@code other} shares this set's log (no copy was made); for tests. */
  boolean sharesLogWith(Set<String> other) {
    return other instanceof FiringSet f && f.log == log;
  }
}
