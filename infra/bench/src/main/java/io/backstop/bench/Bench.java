package io.backstop.bench;

import io.backstop.bench.Figure.Target;
import io.backstop.events.ActionApproved;
import io.backstop.events.IncidentEvent;
import io.backstop.localkafka.StackHome;
import io.backstop.safety.Guardrails;
import io.backstop.safety.breaker.Breakers;
import io.backstop.scenario.Scenario;
import io.backstop.scenario.ScenarioLoader;
import io.backstop.stack.LocalStack;
import io.backstop.stack.ProcessMemory;
import io.backstop.stack.StackOptions;
import io.backstop.stack.StackPorts;
import io.backstop.stack.services.ClassArchiveUse;
import io.backstop.stack.services.RunningService;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * One bench run: the stack in one JVM (start time, memory, the Kafka floor and the pipeline on the
 * same broker, the webhook and producer storms, triage's admission), the review on the corpus, the
 * stack as separate processes (start time, memory per service) and with two instances of every
 * service (admission, pipeline, an instance of each killed mid-storm, the breaker across both).
 */
public final class Bench {

  static final String NAMESPACE = "shop";
  static final String WORKLOAD = "checkout";

  /** Webhook deliveries sent before the measured ones, at least; none of them counted. */
  static final int WARM_DELIVERIES = 2_000;

  /** Senders of the wide webhook run: four times the 16 of the headline single-delivery figure. */
  private static final int WIDE_SENDERS = 64;

  /** How long the review's own JVM may take: its warm-up, the timed calls, a JVM's start. */
  private static final Duration REVIEW_JVM_TIMEOUT = Duration.ofMinutes(5);

  /** What to run and how much. */
  public record Options(
      StackHome home,
      int portBase,
      Path corpus,
      int pipelineSamples,
      int stormAlerts,
      int stormCauses,
      int webhookDeliveries,
      int batchedDeliveries,
      int reviewSamples,
      boolean separateProcesses,
      boolean twoInstances,
      String label,
      Set<Part> parts) {

    public Options {
      parts = parts.isEmpty() ? EnumSet.allOf(Part.class) : EnumSet.copyOf(parts);
    }

    public static Options defaults(StackHome home, Path corpus) {
      return new Options(
          home, 18000, corpus, 60, 10_000, 10, 2_000, 100, 200_000, true, true, "", Set.of());
    }

    boolean runs(Part part) {
      return parts.contains(part);
    }
  }

  /**
   * The parts of a run, to measure one thing at a time while working on it: the Kafka floor is
   * measured with the pipeline and with the load, since every one-JVM figure is read against it.
   */
  public enum Part {
    /** The review on the evaluation corpus. */
    REVIEW,
    /** The Kafka floor and the pipeline's latency per hop, one JVM. */
    PIPELINE,
    /** The webhook deliveries and the alert storm, one JVM. */
    LOAD,
    /** The stack as separate processes: start time and memory per service. */
    SEPARATE,
    /** Two instances of every service. */
    TWO
  }

  private final Options options;
  private final Consumer<String> progress;
  private final List<Figure> figures = new ArrayList<>();
  private double floor = Double.NaN;

  public Bench(Options options, Consumer<String> progress) {
    this.options = options;
    this.progress = progress;
  }

  public BenchReport run() {
    if (options.runs(Part.REVIEW)) {
      review();
    }
    if (options.runs(Part.PIPELINE) || options.runs(Part.LOAD)) {
      oneJvm();
    }
    if (options.separateProcesses() && options.runs(Part.SEPARATE)) {
      separateProcesses();
    }
    if (options.twoInstances() && options.runs(Part.TWO)) {
      twoInstances();
    }
    return new BenchReport(BenchReport.thisMachine(), Instant.now(), options.label(), figures);
  }

  private void oneJvm() {
    progress.accept("starting the stack in one JVM");
    long t0 = System.nanoTime();
    long cpu0 = processCpuNanos();
    try (LocalStack stack =
        LocalStack.start(stackOptions(freshHome("bench-one"), 1, false, scenario()), line -> {})) {
      double started = seconds(t0);
      double startCpu = (processCpuNanos() - cpu0) / 1e9;
      long rssStarted = ProcessMemory.selfRssBytes().orElse(0);
      progress.accept("Kafka floor (one record at a time, three transactional relays)");
      KafkaFloor.Result f = new KafkaFloor(stack.bootstrapServers()).measure(30, 300);
      floor = f.fourHops().p50Millis();
      add(
          "floor.hop.p50",
          "Kafka floor: one transactional hop p50",
          f.oneHop().p50Millis(),
          "ms",
          null,
          "");
      add(
          "floor.hop.p99",
          "Kafka floor: one transactional hop p99",
          f.oneHop().p99Millis(),
          "ms",
          null,
          "");
      add(
          "floor.p50",
          "Kafka floor: four hops p50 (= floor)",
          f.fourHops().p50Millis(),
          "ms",
          null,
          "");
      add("floor.p99", "Kafka floor: four hops p99", f.fourHops().p99Millis(), "ms", null, "");
      try (AuditWatch audit = new AuditWatch(stack.bootstrapServers())) {
        if (options.runs(Part.PIPELINE)) {
          pipeline(stack, audit, "");
        }
        if (options.runs(Part.LOAD)) {
          webhook(stack, "");
          storm(stack, audit, "", () -> {});
        }
      }
      add("start.onejvm", "start, one JVM (stack ready)", started, "s", Target.atMost(15), "");
      add(
          "start.onejvm.cpu",
          "start, one JVM: CPU time to ready",
          startCpu,
          "s",
          null,
          "all threads; less noisy than the wall clock on a shared machine");
      add(
          "rss.onejvm.started",
          "RSS, one JVM, after start",
          mib(rssStarted),
          "MiB",
          Target.atMost(1024),
          "");
      add(
          "rss.onejvm.loaded",
          "RSS, one JVM, after the storms",
          mib(ProcessMemory.selfRssBytes().orElse(0)),
          "MiB",
          Target.atMost(1024),
          "");
    }
  }

  private void pipeline(LocalStack stack, AuditWatch audit, String suffix) {
    progress.accept(
        "pipeline latency"
            + suffix
            + " ("
            + options.pipelineSamples()
            + " incidents, one at a time)");
    PipelineProbe.Result p =
        new PipelineProbe(stack.bootstrapServers(), NAMESPACE, WORKLOAD)
            .measure(audit, 5, options.pipelineSamples(), 300);
    String k = suffix.isEmpty() ? "" : ".two";
    String l = suffix;
    latency(
        "pipeline.triage" + k, "hop triage (alert sent -> signals)" + l, p.triage(), null, null);
    latency(
        "pipeline.gathering" + k,
        "  of which gathering (cluster and metric reads)" + l,
        p.gathering(),
        null,
        null);
    latency(
        "pipeline.diagnosis" + k,
        "hop diagnosis (signals -> proposal)" + l,
        p.diagnosis(),
        null,
        null);
    latency(
        "pipeline.model" + k,
        "  of which model calls (HTTP to the simulator)" + l,
        p.modelCalls(),
        null,
        null);
    latency(
        "pipeline.guardrail" + k,
        "hop guardrail (proposal -> decision)" + l,
        p.guardrail(),
        null,
        null);
    latency(
        "pipeline.e2e" + k,
        "alert -> decision" + l,
        p.endToEnd(),
        Target.atMostFloor(1.5),
        Target.atMostFloor(3));
    latency(
        "pipeline.handoff" + k,
        "decision -> a person told (outcome, ticket delivered)" + l,
        p.handOff(),
        null,
        null);
  }

  private void latency(String key, String label, Distribution d, Target p50, Target p99) {
    add(key + ".p50", label + " p50", d.p50Millis(), "ms", p50, "");
    add(key + ".p99", label + " p99", d.p99Millis(), "ms", p99, "");
  }

  private void webhook(LocalStack stack, String suffix) {
    progress.accept("webhook deliveries" + suffix);
    WebhookLoad load = new WebhookLoad(stack.triageWebhook(), NAMESPACE);
    // Warmed first, uncounted: a running triage has compiled its intake path long ago, and the
    // first thousands of deliveries after a start measure the JIT compiler (2,000 deliveries at a
    // time from a fresh start: 122, 204, 249, 280, 326 deliveries/s).
    int warmSingle = Math.max(WARM_DELIVERIES, options.webhookDeliveries());
    int warmBatched = Math.max(WARM_DELIVERIES / 100, options.batchedDeliveries());
    progress.accept(
        "webhook warm-up"
            + suffix
            + ": "
            + warmSingle
            + " single and "
            + warmBatched
            + " batched deliveries, not counted");
    // One cause each: the warm-up opens two incidents, not twenty whose gathering and diagnosis
    // would still be running during the measured deliveries and the storm.
    load.run(warmSingle, 1, 16, 1);
    load.run(warmBatched, 100, 4, 1);
    drain(stack);
    WebhookLoad.Result single = load.run(options.webhookDeliveries(), 1, 16, options.stormCauses());
    WebhookLoad.Result batched =
        load.run(options.batchedDeliveries(), 100, 4, options.stormCauses());
    // The same single deliveries from four times the senders: each delivery waits for its own
    // commit, so the rate is senders / commit latency until groups fill (Alertmanager sends each
    // group's notifications concurrently, so a busy Alertmanager is many senders).
    long cpu0 = processCpuNanos();
    WebhookLoad.Result wide =
        load.run(options.webhookDeliveries(), 1, WIDE_SENDERS, options.stormCauses());
    double wideCpuMillis = (processCpuNanos() - cpu0) / 1e6 / options.webhookDeliveries();
    drain(stack);
    String k = suffix.isEmpty() ? "" : ".two";
    add(
        "webhook.single" + k,
        "webhook, one alert per delivery (16 senders, warmed)" + suffix,
        single.deliveriesPerSecond(),
        "deliveries/s",
        Target.atLeast(2000),
        single.refused() == 0 ? "" : single.refused() + " refused");
    add(
        "webhook.single.wide" + k,
        "webhook, one alert per delivery (" + WIDE_SENDERS + " senders, warmed)" + suffix,
        wide.deliveriesPerSecond(),
        "deliveries/s",
        Target.atLeast(2000),
        wide.refused() == 0 ? "" : wide.refused() + " refused");
    add(
        "webhook.single.wide.cpu" + k,
        "  CPU per delivery, " + WIDE_SENDERS + " senders" + suffix,
        wideCpuMillis,
        "ms CPU",
        null,
        "this JVM (broker, services, the bench's senders) over the deliveries, on "
            + Runtime.getRuntime().availableProcessors()
            + " cores");
    add(
        "webhook.batched" + k,
        "webhook, 100 alerts per delivery (4 senders, warmed)" + suffix,
        batched.alertsPerSecond(),
        "alerts/s",
        Target.atLeast(10_000),
        batched.refused() == 0 ? "" : batched.refused() + " refused");
  }

  /**
   * Waits for triage to take everything already on the alerts topic, so the next figure measures
   * only its own alerts: the group is past every record a read_committed reader sees once it has
   * committed past the last of them (an aborted delivery's records at a partition's end are never
   * handed to it, so it never commits past those).
   */
  private static void drain(LocalStack stack) {
    try (ConsumerProgress progress = new ConsumerProgress(stack.bootstrapServers())) {
      progress.awaitCommitted(
          "triage-service",
          progress.visibleEndOf(io.backstop.events.Topics.ALERTS, "triage-service"),
          900_000);
    }
  }

  private AlertStorm.Result storm(
      LocalStack stack, AuditWatch audit, String suffix, Runnable during) {
    progress.accept(
        "alert storm"
            + suffix
            + ": "
            + options.stormAlerts()
            + " alerts for "
            + options.stormCauses()
            + " causes");
    long cpu0 = processCpuNanos();
    long t0 = System.nanoTime();
    AlertStorm.Result s =
        new AlertStorm(stack.bootstrapServers(), NAMESPACE)
            .run(audit, options.stormAlerts(), options.stormCauses(), during);
    double cores = (processCpuNanos() - cpu0) / (double) (System.nanoTime() - t0);
    // Each storm's figures under keys of their own, so a baseline run is compared like for like.
    String k = suffix.isEmpty() ? "" : suffix.contains("killed") ? ".killed" : ".two";
    add(
        "storm.producer" + k,
        "Kafka producer, alerts sent" + suffix,
        s.producerPerSecond(),
        "alerts/s",
        null,
        "");
    add(
        "storm.admission" + k,
        "triage admission" + suffix,
        s.admittedPerSecond(),
        "alerts/s",
        Target.atLeast(5000),
        "");
    add(
        "storm.cpu" + k,
        "CPU busy during the storm" + suffix,
        cores,
        "cores",
        null,
        "of "
            + Runtime.getRuntime().availableProcessors()
            + ": this JVM (broker, services, bench)");
    add(
        "storm.incidents" + k,
        "storm: incidents for " + s.causes() + " causes" + suffix,
        s.incidents(),
        "",
        Target.exactly(s.causes()),
        s.signalsGathered() + " SignalsGathered");
    add(
        "storm.lost" + k,
        "storm: alerts lost of " + s.alerts() + suffix,
        s.lost(),
        "",
        Target.atMost(0),
        "");
    return s;
  }

  private void review() {
    progress.accept(
        "review on the evaluation corpus (at least "
            + ReviewTiming.WARMUP.toSeconds()
            + " s of warm-up, until the JIT is done, then "
            + options.reviewSamples()
            + " calls timed), in this JVM and in one run as the guardrail's image runs it");
    ReviewTiming.Result r =
        ReviewTiming.measure(
            options.corpus(),
            ReviewTiming.WARMUP,
            ReviewTiming.MAX_WARMUP,
            options.reviewSamples());
    reviewFigures("", "", r, null);
    // The same calls in a fresh JVM with the service images' options (the JVM's default
    // compilers): the guardrail's review as a deployment runs it, and as the target (set
    // on JMH's figure) measures it. This JVM has the client compiler only, for the local stack.
    try {
      ReviewTiming.Result image =
          ReviewTiming.measureInFreshJvm(
              options.corpus(),
              ReviewTiming.WARMUP,
              ReviewTiming.MAX_WARMUP,
              options.reviewSamples(),
              ReviewTiming.SERVICE_IMAGE_FLAGS,
              REVIEW_JVM_TIMEOUT);
      reviewFigures(
          ".image",
          ", guardrail image's JVM",
          image,
          "a fresh JVM with the images' options: "
              + String.join(" ", ReviewTiming.SERVICE_IMAGE_FLAGS));
    } catch (IllegalStateException e) {
      // No figure is a missed target, never a silent gap.
      progress.accept("  the review in a JVM of its own gave no figures: " + e.getMessage());
      for (String kind : List.of("", ".approve")) {
        add(
            "review" + kind + ".p99.image",
            "review p99 ("
                + (kind.isEmpty() ? "every corpus proposal" : "approvals: every policy")
                + ", warmed, guardrail image's JVM)",
            Double.NaN,
            "us",
            Target.atMost(50),
            "no figure: " + e.getMessage());
      }
    }
  }

  /** The review's four figures; the p99s against the target only as the image's JVM runs it. */
  private void reviewFigures(String key, String where, ReviewTiming.Result r, String how) {
    boolean image = how != null;
    String note =
        String.format(
            "%d proposals; warmed until the JIT was done: %,d calls over %.1f s not counted; sink %d%s",
            r.proposals(),
            r.warmupCalls(),
            r.warmup().toMillis() / 1000.0,
            r.sink() % 1000,
            image ? "; " + how : "; this JVM (client compiler only, the local stack's options)");
    add(
        "review.p50" + key,
        "review p50 (every corpus proposal, warmed" + where + ")",
        r.all().p50Micros(),
        "us",
        null,
        note);
    add(
        "review.p99" + key,
        "review p99 (every corpus proposal, warmed" + where + ")",
        r.all().p99Micros(),
        "us",
        image ? Target.atMost(50) : null,
        "");
    add(
        "review.approve.p50" + key,
        "review p50 (approvals: every policy, warmed" + where + ")",
        r.approvals().p50Micros(),
        "us",
        null,
        "");
    add(
        "review.approve.p99" + key,
        "review p99 (approvals: every policy, warmed" + where + ")",
        r.approvals().p99Micros(),
        "us",
        image ? Target.atMost(50) : null,
        "");
  }

  private void separateProcesses() {
    progress.accept("starting the stack as separate processes");
    long t0 = System.nanoTime();
    long cpu0 = processCpuNanos();
    try (LocalStack stack =
        LocalStack.start(
            stackOptions(freshHome("bench-separate"), 1, true, scenario()), line -> {})) {
      add(
          "start.separate",
          "start, separate processes (stack ready)",
          seconds(t0),
          "s",
          Target.atMost(40),
          "class-data archives: "
              + stack.services().stream()
                  .map(s -> s.classArchive().map(ClassArchiveUse::word).orElse("none"))
                  .collect(
                      java.util.stream.Collectors.groupingBy(
                          m -> m, java.util.TreeMap::new, java.util.stream.Collectors.counting()))
                  .entrySet()
                  .stream()
                  .map(e -> e.getValue() + " " + e.getKey())
                  .collect(java.util.stream.Collectors.joining(", ")));
      double servicesCpu = 0;
      for (RunningService s : stack.services()) {
        servicesCpu += processCpuSeconds(s.pid());
      }
      add(
          "start.separate.cpu",
          "start, separate processes: CPU time to ready",
          servicesCpu + (processCpuNanos() - cpu0) / 1e9,
          "s",
          null,
          String.format(
              Locale.ROOT,
              "%.1f s of it the five service JVMs, the rest this JVM (broker, simulators)",
              servicesCpu));
      long total = 0;
      for (RunningService s : stack.services()) {
        OptionalLong pid = s.pid();
        long rss = pid.isPresent() ? ProcessMemory.rssBytes(pid.getAsLong()).orElse(0) : 0;
        total += rss;
        add(
            "rss.separate." + s.name(),
            "RSS, " + s.name() + " (own JVM)",
            mib(rss),
            "MiB",
            null,
            "");
      }
      add("rss.separate.total", "RSS, five service JVMs together", mib(total), "MiB", null, "");
    }
  }

  private void twoInstances() {
    progress.accept("starting the stack with two instances of every service");
    Scenario fleet = FleetBreaker.fleet();
    Scenario playing = FleetBreaker.withFleet(scenario(), fleet);
    StackHome home = freshHome("bench-two");
    long t0 = System.nanoTime();
    try (LocalStack stack = LocalStack.start(stackOptions(home, 2, false, playing), line -> {})) {
      add(
          "start.two",
          "start, one JVM, two instances",
          seconds(t0),
          "s",
          null,
          "on a fresh data directory");
      double oneRate = figure("storm.admission");
      try (AuditWatch audit = new AuditWatch(stack.bootstrapServers())) {
        pipeline(stack, audit, ", two instances");
        warmUp(stack, audit);
        AlertStorm.Result s = storm(stack, audit, ", two instances", () -> {});
        add(
            "scale.admission",
            "two instances / one, admission rate",
            s.admittedPerSecond() / oneRate,
            "x",
            Target.atLeast(1.6),
            "");
        fleetBreaker(new FleetBreaker(stack, playing, fleet).drive(audit, 120_000));
        storm(
            stack, audit, ", second instances killed mid-storm", () -> stack.stopSecondInstances());
        breaker(audit);
      }
    }
  }

  /**
   * An alert storm that is not measured, before the measured one: each instance of triage starts a
   * transactional producer per partition it is given, on first use, and the one-instance storm runs
   * after the webhook deliveries have started every one of them; without this, the two-instance
   * storm would time those starts (about a second and a half each here) as admission.
   */
  private void warmUp(LocalStack stack, AuditWatch audit) {
    int alerts = Math.min(options.stormAlerts(), 1_000);
    progress.accept("warming the two instances up: " + alerts + " alerts, not measured");
    new AlertStorm(stack.bootstrapServers(), NAMESPACE)
        .run(audit, alerts, options.stormCauses(), () -> {});
    drain(stack);
  }

  /**
   * The fleet's incidents, one after another: the guardrails' own decisions. Its breaker must let
   * exactly its write limit through, trip once, and approve nothing after.
   */
  private void fleetBreaker(FleetBreaker.Result r) {
    int limit =
        Guardrails.load(Optional.empty(), Clock.systemUTC()).breakers().settings().maxWrites();
    add(
        "breaker.fleet.approved",
        "two instances: approvals in " + r.namespace() + " (one incident per Deployment)",
        r.approvals(),
        "",
        Target.exactly(limit),
        r.summary());
    // The stack's data is fresh, so the breaker starts closed, and it closes again only on a
    // person's BreakerReset (none in the run): the first escalation with it open is the one trip.
    add(
        "breaker.fleet.trips",
        "two instances: breaker trips in " + r.namespace(),
        Math.min(r.breakerEscalations(), 1),
        "",
        Target.exactly(1),
        r.breakerEscalations() + " escalated with the breaker open");
    add(
        "breaker.fleet.after",
        "two instances: approvals after the trip in " + r.namespace(),
        r.approvalsAfterTrip(),
        "",
        Target.atMost(0),
        "");
  }

  /** Replays the decisions through one breaker: no approval it would have stopped, one trip. */
  private void breaker(AuditWatch audit) {
    Guardrails guardrails = Guardrails.load(Optional.empty(), Clock.systemUTC());
    Breakers breakers = guardrails.breakers();
    int stopped = 0;
    int trips = 0;
    int approvals = 0;
    for (IncidentEvent e : audit.events(e -> true)) {
      if (e instanceof ActionApproved a) {
        approvals++;
        if (!breakers.allowsWrite(a.action().target().namespace())) {
          stopped++;
        }
      }
      if (breakers.apply(e).isPresent()) {
        trips++;
      }
    }
    add(
        "breaker.overrun",
        "two instances: approvals a breaker replaying the audit would have stopped",
        stopped,
        "",
        Target.atMost(0),
        approvals + " approvals seen");
    add(
        "breaker.trips",
        "two instances: breaker trips replayed from the audit, every namespace",
        trips,
        "",
        Target.exactly(1),
        "");
  }

  private StackOptions stackOptions(
      StackHome home, int instances, boolean separate, Scenario scenario) {
    return new StackOptions(
            home,
            new StackPorts(options.portBase()),
            scenario,
            separate,
            StackOptions.Prometheus.QUERIES_ONLY,
            StackOptions.testTiming())
        .withInstances(instances)
        .withServiceProperties(
            Map.of("executor-service", Map.of("backstop.executor.dry-run", "true")));
  }

  /**
   * A data directory of its own under the bench's home, emptied first, for every stack the bench
   * starts. What earlier runs left would be part of the measurement: the audit topics the console
   * and the consumers replay and the incident store triage re-reads grow with every run (in a home
   * of 259 MB of broker data the one-JVM alert-to-decision p50 was 861-905 ms, against 276 ms on a
   * fresh one, same code, same hour), and the two-instance stack drives a namespace's breaker open,
   * which closes only when a person resets it.
   */
  private StackHome freshHome(String name) {
    Path root = options.home().root().resolve(name);
    try {
      if (Files.exists(root)) {
        try (Stream<Path> paths = Files.walk(root)) {
          for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
            Files.delete(p);
          }
        }
      }
      return new StackHome(root);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot empty the bench's stack directory " + root, e);
    }
  }

  static Scenario scenario() {
    try (InputStream in = Bench.class.getResourceAsStream("/bench/bench.yaml")) {
      return ScenarioLoader.parse(
          "bench.yaml", new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new IllegalStateException("the bench scenario is missing: " + e, e);
    }
  }

  /** CPU time of this JVM (the broker, every service and the bench's own senders), all threads. */
  private static long processCpuNanos() {
    return ManagementFactory.getOperatingSystemMXBean()
            instanceof com.sun.management.OperatingSystemMXBean os
        ? os.getProcessCpuTime()
        : 0;
  }

  /** CPU time of another process (a service's own JVM), all threads; 0 where it cannot be read. */
  private static double processCpuSeconds(OptionalLong pid) {
    if (pid.isEmpty()) {
      return 0;
    }
    return ProcessHandle.of(pid.getAsLong())
        .flatMap(p -> p.info().totalCpuDuration())
        .map(d -> d.toNanos() / 1e9)
        .orElse(0.0);
  }

  private double figure(String key) {
    return figures.stream()
        .filter(f -> f.key().equals(key))
        .mapToDouble(Figure::value)
        .findFirst()
        .orElse(Double.NaN);
  }

  private void add(
      String key, String label, double value, String unit, Target target, String note) {
    Double ratio =
        "ms".equals(unit) && !Double.isNaN(floor) && !key.startsWith("floor.hop")
            ? value / floor
            : null;
    figures.add(new Figure(key, label, value, unit, ratio, target, note));
  }

  private static double seconds(long t0) {
    return (System.nanoTime() - t0) / 1e9;
  }

  private static double mib(long bytes) {
    return bytes / (1024.0 * 1024.0);
  }
}
