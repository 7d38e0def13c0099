package io.backstop.cli.bench;

import io.backstop.bench.Bench;
import io.backstop.bench.BenchReport;
import io.backstop.cli.ExitCodes;
import io.backstop.cli.StackOptions;
import io.backstop.localkafka.StackHome;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code backstop bench}: the Kafka floor and the pipeline, measured side by side in one run, each
 * figure against its target; the figures are kept as JSON to compare a later run with.
 */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = {
      "Measure Backstop against the Kafka floor in one run, on stacks it starts itself:",
      "the floor (one transactional hop and four hops, measured now), pipeline latency per hop and",
      "alert to decision, webhook deliveries (single and batched), the Kafka producer, triage's",
      "admission rate, the review on the evaluation corpus, start time and memory (one JVM and",
      "separate processes), and the same with two instances of every service.",
      "Takes several minutes; nothing else should run on the machine meanwhile."
    })
public final class BenchCommand implements Callable<Integer> {

  @Option(
      names = "--port-base",
      defaultValue = "18000",
      description = "Ports of the stacks it starts (default: ${DEFAULT-VALUE}).")
  int portBase;

  @Option(
      names = "--incidents",
      defaultValue = "60",
      description =
          "Incidents timed one at a time for pipeline latency (default: ${DEFAULT-VALUE}).")
  int incidents;

  @Option(
      names = "--storm",
      defaultValue = "10000",
      description = "Alerts in each storm, for 10 causes (default: ${DEFAULT-VALUE}).")
  int storm;

  @Option(
      names = "--quick",
      description =
          "Small numbers, for a first look (less steady figures). The storms keep their size"
              + " (--storm): a shorter one is over before admission's rate steadies.")
  boolean quick;

  @Option(names = "--no-separate-processes", description = "Skip the separate-process start.")
  boolean noSeparate;

  @Option(names = "--no-two-instances", description = "Skip the run with two instances.")
  boolean noTwo;

  @Option(
      names = "--only",
      split = ",",
      paramLabel = "PART",
      description =
          "Run only these parts: ${COMPLETION-CANDIDATES} (comma-separated; default: all)."
              + " The Kafka floor is measured with PIPELINE and LOAD.")
  Set<Bench.Part> only;

  @Option(
      names = "--baseline",
      paramLabel = "FILE",
      description = "An earlier run's JSON: its figures are printed beside this run's.")
  Path baseline;

  @Option(
      names = "--out",
      paramLabel = "FILE",
      description = "Where to keep this run's figures (default: <home>/bench/bench-<time>.json).")
  Path out;

  @Option(
      names = "--label",
      defaultValue = "",
      description = "A name for this run, kept in its JSON.")
  String label;

  @Mixin StackOptions stack;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter console = spec.commandLine().getOut();
    StackHome home = stack.home();
    Path corpus = corpus();
    Bench.Options defaults = Bench.Options.defaults(home, corpus);
    Bench.Options options =
        new Bench.Options(
            home,
            portBase,
            corpus,
            quick ? 15 : incidents,
            storm,
            10,
            quick ? 300 : defaults.webhookDeliveries(),
            quick ? 20 : defaults.batchedDeliveries(),
            quick ? 40_000 : defaults.reviewSamples(),
            !noSeparate,
            !noTwo,
            label,
            only == null ? Set.of() : only);
    Optional<BenchReport> before = Optional.ofNullable(baseline).map(BenchReport::read);
    BenchReport report =
        new Bench(
                options,
                step -> {
                  console.println("  " + step + " ...");
                  console.flush();
                })
            .run();
    Path file =
        out != null ? out : home.root().resolve("bench").resolve("bench-" + stamp() + ".json");
    report.write(file);
    console.println();
    console.println("Machine: " + report.machine());
    console.print(report.table(before));
    console.println("Figures kept in " + file);
    console.flush();
    return report.figures().stream().allMatch(f -> f.met() == null || f.met()) ? ExitCodes.OK : 1;
  }

  private static Path corpus() {
    String root = System.getProperty("backstop.root");
    Path dir =
        root != null ? Path.of(root, "infra", "eval") : Path.of("infra", "eval").toAbsolutePath();
    if (!Files.isDirectory(dir.resolve("cases"))) {
      throw new IllegalStateException("no evaluation corpus at " + dir);
    }
    return dir;
  }

  private static String stamp() {
    return DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
        .withZone(ZoneOffset.UTC)
        .format(Instant.now());
  }
}
