package io.backstop.safety.benchmark;

import io.backstop.events.DiagnosisProposed;
import io.backstop.events.codec.EventCodec;
import java.util.ArrayList;
import java.util.List;
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
 * What every consumer pays to read one sealed record before its handler runs: decode it as the
 * expected type and check its hash chain over the bytes as received (the top-level hash, every
 * embedded event's and the link to its cause). The guardrail's input is the largest of the hops (a
 * proposal carrying its signals), so the records are the review benchmark's proposals, sealed and
 * encoded as the diagnosis service sends them, each with its own text.
 *
 * <p>{@link #decodeAndCheckTree} is how backstop-stream's {@code Inbound} reads: one decode, one
 * tree for every hash. {@link #decodeAndCheckBytes} is the earlier read, kept as the comparison:
 * the chain check from the bytes alone decodes the event a second time and parses the tree twice.
 * The setup checks every record passes both, so neither can get faster by skipping the check.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class InboundReadBenchmark {

  private byte[][] records;
  private int next;

  @Setup(Level.Trial)
  public void setUp() {
    List<byte[]> encoded = new ArrayList<>();
    for (DiagnosisProposed proposal : ReviewInputs.approvals()) {
      byte[] bytes = EventCodec.encode(EventCodec.seal(proposal));
      DiagnosisProposed read = EventCodec.decode(bytes, DiagnosisProposed.class);
      EventCodec.verifyChain(read, bytes);
      EventCodec.verifyChain(bytes);
      encoded.add(bytes);
    }
    records = encoded.toArray(byte[][]::new);
  }

  /** One decode as the expected type, then every hash of the chain over one tree of the bytes. */
  @Benchmark
  public DiagnosisProposed decodeAndCheckTree() {
    byte[] bytes = nextRecord();
    return EventCodec.verifyChain(EventCodec.decode(bytes, DiagnosisProposed.class), bytes);
  }

  /**
   * The earlier read: a decode, then the chain from the bytes alone (another decode, two trees).
   */
  @Benchmark
  public DiagnosisProposed decodeAndCheckBytes() {
    byte[] bytes = nextRecord();
    DiagnosisProposed event = EventCodec.decode(bytes, DiagnosisProposed.class);
    EventCodec.verifyChain(bytes);
    return event;
  }

  /** The decode alone, as the expected type: the part of either read that checks nothing. */
  @Benchmark
  public DiagnosisProposed decodeOnly() {
    return EventCodec.decode(nextRecord(), DiagnosisProposed.class);
  }

  private byte[] nextRecord() {
    byte[] bytes = records[next];
    next = (next + 1) % records.length;
    return bytes;
  }
}
