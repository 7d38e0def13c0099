package io.backstop.safety.benchmark;

import io.backstop.events.AlertReceived;
import io.backstop.events.EventHeader;
import io.backstop.events.Stage;
import io.backstop.events.alert.AlertSeverity;
import io.backstop.events.alert.AlertStatus;
import io.backstop.events.codec.EventCodec;
import io.backstop.events.id.IncidentId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What triage's admission pays to read one alert off the alerts topic before it admits it: the
 * decode as an {@link AlertReceived}, for an alert as an outside producer sends it (unsealed, as
 * the bench's storm sends them) and as the webhook intake seals it (decode, then the hash over the
 * bytes as received). Each record has its own fingerprint and delivery key, as in a storm.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class AlertReadBenchmark {

  private byte[][] unsealed;
  private byte[][] sealed;
  private int next;

  @Setup(Level.Trial)
  public void setUp() {
    List<byte[]> plain = new ArrayList<>();
    List<byte[]> withHash = new ArrayList<>();
    Instant startsAt = Instant.parse("2026-12-05T21:00:00.123Z");
    for (int i = 0; i < 64; i++) {
      Map<String, String> labels = new TreeMap<>();
      labels.put("alertname", "HighErrorRate");
      labels.put("severity", "critical");
      labels.put("namespace", "shop");
      labels.put("deployment", "storm-" + (i % 10));
      AlertReceived alert =
          new AlertReceived(
              EventHeader.first(
                  IncidentId.of("alert-" + Integer.toHexString(0x1000 + i % 10)),
                  "bench|storm-" + i,
                  Stage.INTAKE,
                  startsAt.plusMillis(i)),
              "bench",
              "storm-" + i,
              null,
              "HighErrorRate",
              AlertSeverity.CRITICAL,
              AlertStatus.FIRING,
              labels,
              Map.of("summary", "bench alert storm-" + i),
              startsAt,
              null,
              null,
              0);
      byte[] bytes = EventCodec.encode(alert);
      EventCodec.decode(bytes, AlertReceived.class);
      plain.add(bytes);
      byte[] sealedBytes = EventCodec.encode(EventCodec.seal(alert));
      EventCodec.verifyChain(EventCodec.decode(sealedBytes, AlertReceived.class), sealedBytes);
      withHash.add(sealedBytes);
    }
    unsealed = plain.toArray(byte[][]::new);
    sealed = withHash.toArray(byte[][]::new);
  }

  /** An outside producer's alert: the decode is the whole read. */
  @Benchmark
  public AlertReceived unsealedDecode() {
    return EventCodec.decode(unsealed[advance()], AlertReceived.class);
  }

  /** A sealed alert: the decode, then its hash over the bytes as received. */
  @Benchmark
  public AlertReceived sealedDecodeAndCheck() {
    byte[] bytes = sealed[advance()];
    return EventCodec.verifyChain(EventCodec.decode(bytes, AlertReceived.class), bytes);
  }

  private int advance() {
    int i = next;
    next = (next + 1) % unsealed.length;
    return i;
  }
}
