package io.backstop.bench;

import io.backstop.eval.corpus.CaseProposals;
import io.backstop.eval.corpus.CaseSignals;
import io.backstop.eval.corpus.Corpus;
import io.backstop.eval.corpus.CorpusLoader;
import io.backstop.eval.corpus.EvalCase;
import io.backstop.eval.corpus.ModelOutput;
import io.backstop.eval.run.Evaluator;
import io.backstop.events.DiagnosisProposed;
import io.backstop.events.SignalsGathered;
import io.backstop.events.codec.EventCodec;
import io.backstop.guardrail.review.ProposalReviewer;
import io.backstop.safety.policy.PolicyBook;
import io.backstop.safety.review.Decision;
import java.io.IOException;
import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The guardrail's review, timed one call at a time on every proposal of the evaluation corpus (the
 * right fixes, which run every policy, and the wrong turns, many of which stop early), through the
 * live reviewer's {@link ProposalReviewer#decide}. Honest inputs: each call judges a proposal
 * decoded afresh from its bytes (nothing cached from the call before), and every decision feeds a
 * sink that is printed, so no call can be optimised away. Warmed until the JIT has compiled the
 * review, and none of the warm-up calls is counted: the same calls run for at least {@link #WARMUP}
 * (as long as JMH's warm-up of the review benchmark, {@code @Warmup(iterations = 3, time = 2)}),
 * and then until the JIT has been quiet for {@link #QUIET_SECONDS} seconds in a row (no more than
 * {@link #SETTLED} of compilation in each), at most {@link #MAX_WARMUP} in the bench. Six seconds
 * were enough for JMH's few inputs but not for every corpus proposal on two cores: with the server
 * compiler the timed calls then caught it still at work (p99 71–221 µs over three runs, the slowest
 * one percent mostly in the first half of the run), and after twenty seconds of warm-up 45 and 47
 * µs (2026-12-06). The JMH benchmark in backstop-safety ({@code -P benchmarks}) is the careful
 * measurement, on a smaller set of inputs in a fresh fork; this one runs beside the others in one
 * go, on every corpus proposal.
 */
final class ReviewTiming {

  /** As long as JMH's warm-up of the review benchmark: three iterations of two seconds. */
  static final Duration WARMUP = Duration.ofSeconds(6);

  /** Compilation in the last second of warm-up below which the JIT counts as done. */
  static final Duration SETTLED = Duration.ofMillis(20);

  /** Seconds in a row with no more than {@link #SETTLED} of compilation that end the warm-up. */
  static final int QUIET_SECONDS = 2;

  /** The longest warm-up, whatever the JIT still does. */
  static final Duration MAX_WARMUP = Duration.ofSeconds(60);

  record Result(
      Distribution all,
      Distribution approvals,
      int proposals,
      long warmupCalls,
      Duration warmup,
      long sink) {}

  private record Input(ProposalReviewer reviewer, byte[] proposal) {}

  private ReviewTiming() {}

  static Result measure(Path corpusDirectory, Duration warmup, Duration maxWarmup, int samples) {
    Corpus corpus = CorpusLoader.load(corpusDirectory);
    Evaluator evaluator = new Evaluator(PolicyBook.loadDefault());
    List<Input> inputs = new ArrayList<>();
    for (EvalCase c : corpus.cases()) {
      SignalsGathered signals = CaseSignals.signals(c);
      for (ModelOutput output : c.outputs()) {
        DiagnosisProposed proposal = CaseProposals.proposal(c, output, signals);
        inputs.add(new Input(evaluator.reviewer(c, signals), EventCodec.encode(proposal)));
      }
    }
    long sink = 0;
    // Warm-up: whole passes over every input until the warm-up time is over; none is counted.
    long warmupCalls = 0;
    long warmupStart = System.nanoTime();
    long warmupEnd = warmupStart + warmup.toNanos();
    do {
      for (Input input : inputs) {
        sink += review(input).gates().size();
        warmupCalls++;
      }
    } while (System.nanoTime() < warmupEnd);
    // Then on, a second at a time, while the JIT still compiles.
    CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
    long hardEnd = warmupStart + Math.max(warmup.toNanos(), maxWarmup.toNanos());
    if (jit != null && jit.isCompilationTimeMonitoringSupported()) {
      long compiled = jit.getTotalCompilationTime();
      int quiet = 0;
      while (quiet < QUIET_SECONDS && System.nanoTime() < hardEnd) {
        long sliceEnd = System.nanoTime() + 1_000_000_000L;
        do {
          for (Input input : inputs) {
            sink += review(input).gates().size();
            warmupCalls++;
          }
        } while (System.nanoTime() < sliceEnd);
        long now = jit.getTotalCompilationTime();
        quiet = now - compiled <= SETTLED.toMillis() ? quiet + 1 : 0;
        compiled = now;
      }
    }
    Duration warmedFor = Duration.ofNanos(System.nanoTime() - warmupStart);
    long[] all = new long[samples];
    List<Long> approvals = new ArrayList<>();
    for (int i = 0; i < samples; i++) {
      Input input = inputs.get(i % inputs.size());
      DiagnosisProposed fresh = EventCodec.decode(input.proposal(), DiagnosisProposed.class);
      long start = System.nanoTime();
      Decision decision = input.reviewer().decide(fresh.signals(), fresh);
      long took = System.nanoTime() - start;
      sink += decision.outcome().ordinal() + decision.gates().size();
      all[i] = took;
      if (decision.outcome() == io.backstop.safety.review.Outcome.APPROVE) {
        approvals.add(took);
      }
    }
    return new Result(
        Distribution.of(all),
        Distribution.of(approvals),
        inputs.size(),
        warmupCalls,
        warmedFor,
        sink);
  }

  /**
   * The JVM options the service images run the guardrail with (the root pom's Jib {@code jvmFlags},
   * less the OpenTelemetry agent and the image's directories): the JVM's default compilers, as JMH
   * runs the review benchmark, where the bench's own JVM has the client compiler only (the local
   * stack's memory budget).
   */
  static final List<String> SERVICE_IMAGE_FLAGS =
      List.of(
          "-XX:MaxRAMPercentage=75",
          "-XX:+ExitOnOutOfMemoryError",
          "-Djava.util.concurrent.ForkJoinPool.common.parallelism=2");

  private static final String RESULT = "review-timing ";

  /**
   * {@link #measure} in a fresh JVM started with {@code flags} and this JVM's classpath, as a
   * service image runs the guardrail; its result comes back on one line of its standard output.
   *
   * @throws IllegalStateException naming the JVM's exit and the end of what it wrote, when it did
   *     not answer
   */
  static Result measureInFreshJvm(
      Path corpusDirectory,
      Duration warmup,
      Duration maxWarmup,
      int samples,
      List<String> flags,
      Duration timeout) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(flags);
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(ReviewTiming.class.getName());
    command.add(corpusDirectory.toAbsolutePath().toString());
    command.add(Long.toString(warmup.toMillis()));
    command.add(Long.toString(maxWarmup.toMillis()));
    command.add(Integer.toString(samples));
    try {
      Path output = Files.createTempFile("backstop-review-timing", ".txt");
      try {
        Process process =
            new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(output.toFile())
                .start();
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
          process.destroyForcibly();
          throw new IllegalStateException(
              "the review's JVM did not finish within " + timeout + ": " + tail(output));
        }
        List<String> lines = Files.readAllLines(output);
        return lines.stream()
            .filter(l -> l.startsWith(RESULT))
            .reduce((first, second) -> second)
            .map(ReviewTiming::parse)
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "the review's JVM exited "
                            + process.exitValue()
                            + " without a result: "
                            + tail(output)));
      } finally {
        Files.deleteIfExists(output);
      }
    } catch (IOException e) {
      throw new IllegalStateException("could not run the review in a JVM of its own: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted waiting for the review's JVM", e);
    }
  }

  /** Runs {@link #measure}: corpus directory, least and most warm-up in milliseconds, samples. */
  public static void main(String[] args) {
    Result r =
        measure(
            Path.of(args[0]),
            Duration.ofMillis(Long.parseLong(args[1])),
            Duration.ofMillis(Long.parseLong(args[2])),
            Integer.parseInt(args[3]));
    System.out.println(format(r));
  }

  static String format(Result r) {
    return RESULT
        + String.join(
            " ",
            "all="
                + r.all().count()
                + ","
                + r.all().p50()
                + ","
                + r.all().p99()
                + ","
                + r.all().max(),
            "approvals="
                + r.approvals().count()
                + ","
                + r.approvals().p50()
                + ","
                + r.approvals().p99()
                + ","
                + r.approvals().max(),
            "proposals=" + r.proposals(),
            "warmupCalls=" + r.warmupCalls(),
            "warmupNanos=" + r.warmup().toNanos(),
            "sink=" + r.sink());
  }

  static Result parse(String line) {
    Map<String, String> fields = new HashMap<>();
    for (String field : line.substring(RESULT.length()).strip().split(" ")) {
      int eq = field.indexOf('=');
      fields.put(field.substring(0, eq), field.substring(eq + 1));
    }
    return new Result(
        distribution(fields.get("all")),
        distribution(fields.get("approvals")),
        Integer.parseInt(fields.get("proposals")),
        Long.parseLong(fields.get("warmupCalls")),
        Duration.ofNanos(Long.parseLong(fields.get("warmupNanos"))),
        Long.parseLong(fields.get("sink")));
  }

  private static Distribution distribution(String field) {
    String[] parts = field.split(",");
    return new Distribution(
        Integer.parseInt(parts[0]),
        Long.parseLong(parts[1]),
        Long.parseLong(parts[2]),
        Long.parseLong(parts[3]));
  }

  private static String tail(Path output) {
    try {
      String text = Files.readString(output).strip();
      return text.isEmpty() ? "(nothing)" : text.substring(Math.max(0, text.length() - 800));
    } catch (IOException e) {
      return "(its output is unreadable: " + e + ")";
    }
  }

  private static Decision review(Input input) {
    DiagnosisProposed fresh = EventCodec.decode(input.proposal(), DiagnosisProposed.class);
    return input.reviewer().decide(fresh.signals(), fresh);
  }
}
