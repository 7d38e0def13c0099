package io.backstop.stack;

import io.backstop.infra.pager.PagerInbox;
import io.backstop.infra.ticket.TicketMcpServer;
import io.backstop.localkafka.LocalKafka;
import io.backstop.localkafka.LocalKafkaBroker;
import io.backstop.modelsim.ModelSimulator;
import io.backstop.modelsim.SimulatorConfig;
import io.backstop.prometheus.Launch;
import io.backstop.prometheus.LocalPrometheus;
import io.backstop.prometheus.RunningStack;
import io.backstop.prometheus.StackSettings;
import io.backstop.sandbox.SandboxCluster;
import io.backstop.sandbox.SandboxOptions;
import io.backstop.sandbox.spec.SandboxSpec;
import io.backstop.scenario.Scenario;
import io.backstop.stack.services.ClassArchiveUse;
import io.backstop.stack.services.InProcessServiceLauncher;
import io.backstop.stack.services.RunningService;
import io.backstop.stack.services.SeparateProcessLauncher;
import io.backstop.stack.services.ServiceSpec;
import io.backstop.stack.services.ServiceSpecs;
import io.backstop.stream.KafkaClientConfig;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The whole local stack: a real Kafka broker, the sandbox cluster, the model simulator, the local
 * pager inbox and ticket MCP server, Prometheus and Alertmanager when installed, and the five
 * services. What the services need (broker, sandbox, simulators, pager, tickets) starts first, side
 * by side, then the services side by side; parts stop in reverse (the broker last); if one fails,
 * the ones already running are stopped and the failure names the part and its log file.
 */
public final class LocalStack implements AutoCloseable {

  /** How long one separately started service may take to report UP. */
  private static final Duration HEALTH_WAIT = Duration.ofSeconds(120);

  /**
   * For measuring the start against its old shape (A/B, back to back; not for everyday use): with
   * {@code -Dbackstop.stack.startOneAfterAnother=true} every part and service starts only once the
   * one before it is up, as the stack started before its parts started side by side.
   */
  public static final String ONE_AFTER_ANOTHER = "backstop.stack.startOneAfterAnother";

  private final StackOptions options;
  private final Credentials credentials;
  private volatile boolean closed;
  private final Deque<AutoCloseable> running = new ArrayDeque<>();
  private final List<Endpoint> endpoints = new ArrayList<>();
  private final List<RunningService> services = new ArrayList<>();
  private final java.util.Map<String, ServiceSpec> specs = new java.util.LinkedHashMap<>();
  private final List<Endpoint> sandboxEndpoints = new ArrayList<>();
  private volatile Duration readyIn = Duration.ZERO;
  private final java.util.Map<String, Duration> startTimes =
      new java.util.concurrent.ConcurrentHashMap<>();
  private LocalKafkaBroker broker;
  private SandboxCluster sandbox;
  private volatile ModelSimulator simulator;
  private PagerInbox pager;
  private TicketMcpServer tickets;
  private Optional<RunningStack> prometheus = Optional.empty();
  private String prometheusNote = "";

  private LocalStack(StackOptions options, Credentials credentials) {
    this.options = options;
    this.credentials = credentials;
  }

  public static LocalStack start(StackOptions options, Consumer<String> progress) {
    return create(options).launch(progress);
  }

  /**
   * A stack not started yet: a caller that must be able to stop it at any moment (a shutdown hook
   * of {@code backstop up}) holds it before {@link #launch} starts anything. {@link #close()} may
   * be called at any time, from any thread: it stops every part started so far, and a part that
   * finishes starting afterwards is stopped at once and ends the launch.
   */
  public static LocalStack create(StackOptions options) {
    options.ports().requireAllFree();
    return new LocalStack(options, Credentials.generate(options.home().root()));
  }

  /** Starts every part; on any failure, or a close meanwhile, stops what was started. */
  public LocalStack launch(Consumer<String> progress) {
    try {
      startAll(progress);
      return this;
    } catch (RuntimeException e) {
      close();
      throw e;
    }
  }

  private void startAll(Consumer<String> progress) {
    Path home = options.home().root();
    Path logs = options.home().logs();
    createDirectories(logs);
    if (!options.separateProcesses()) {
      StackLogging.configure(logs);
    }
    StackPorts ports = options.ports();
    long t0 = System.nanoTime();
    URI triageWebhook =
        URI.create("http://127.0.0.1:" + ports.triage() + "/api/v1/alerts/alertmanager");

    // What the services need, side by side: none of these parts needs another to start.
    progress.accept(
        "Kafka broker (KRaft) on 127.0.0.1:"
            + ports.kafka()
            + ", sandbox cluster on :"
            + ports.sandboxHttps()
            + ", model simulator on :"
            + ports.simulator()
            + ", pager inbox, ticket MCP server"
            + (options.prometheus() == StackOptions.Prometheus.OFF
                ? ""
                : ", Prometheus and Alertmanager (when installed)"));
    List<Together.Step> infrastructure = new ArrayList<>();
    infrastructure.add(new Together.Step("kafka", this::startBroker));
    infrastructure.add(
        new Together.Step(
            "sandbox",
            () -> {
              startSandbox(options.scenario());
              if (options.prometheus() != StackOptions.Prometheus.OFF) {
                launchPrometheus(home, ports, triageWebhook);
              }
            }));
    infrastructure.add(
        new Together.Step(
            "simulator",
            () ->
                simulator =
                    part("model simulator", logs.resolve("stack.log"), this::newSimulator)));
    infrastructure.add(
        new Together.Step(
            "pager",
            () ->
                pager =
                    part(
                        "pager inbox",
                        logs.resolve("stack.log"),
                        () -> PagerInbox.start(ports.pager(), home.resolve("pager")))));
    infrastructure.add(
        new Together.Step(
            "tickets",
            () ->
                tickets =
                    part(
                        "ticket MCP server",
                        logs.resolve("stack.log"),
                        () ->
                            TicketMcpServer.start(
                                ports.tickets(),
                                home.resolve("tickets"),
                                credentials.ticketToken(),
                                List.of("http://127.0.0.1", "http://localhost")))));
    Together.run(infrastructure, oneAfterAnother());
    endpoints.add(new Endpoint("Kafka bootstrap", broker.bootstrapServers()));
    endpoints.addAll(sandboxEndpoints);
    endpoints.add(new Endpoint("Model simulator", simulator.baseUrl() + "/v1"));
    endpoints.add(new Endpoint("Pager inbox", pager.url() + "/inbox"));
    endpoints.add(new Endpoint("Ticket MCP server", tickets.url().toString()));

    var wiring =
        new ServiceSpecs.Wiring(
            broker.bootstrapServers(),
            broker.authenticated() ? broker::password : null,
            sandbox.httpUrl(),
            simulator.baseUrl(),
            pager.url(),
            tickets.url(),
            prometheus.map(RunningStack::prometheusUrl));
    List<ServiceSpec> all =
        ServiceSpecs.instances(
            ServiceSpecs.withProperties(
                ServiceSpecs.all(ports, wiring, credentials), options.serviceProperties()),
            options.instances());
    all.forEach(spec -> specs.put(spec.name(), spec));
    if (options.separateProcesses() && oneAfterAnother()) {
      for (ServiceSpec spec : all) {
        progress.accept(spec.name() + " on :" + spec.port() + ", then the next");
        long began = System.nanoTime();
        services.add(startService(spec, logs));
        startTimes.put(spec.name(), Duration.ofNanos(System.nanoTime() - began));
        endpoints.add(new Endpoint(spec.name(), "http://127.0.0.1:" + spec.port()));
      }
    } else if (options.separateProcesses()) {
      startProcessesTogether(all, logs, progress);
    } else {
      startContextsTogether(all, logs, progress);
    }
    prometheus.ifPresent(
        stack -> {
          FirstScrape.await(stack.prometheusUrl(), Duration.ofSeconds(30));
          endpoints.add(new Endpoint("Prometheus", stack.prometheusUrl().toString()));
          endpoints.add(new Endpoint("Alertmanager", stack.alertmanagerUrl().toString()));
        });
    endpoints.add(new Endpoint("Alertmanager webhook", triageWebhook.toString()));
    credentials.console().writeTo(home, ServiceSpecs.consoleUrl(ports));
    endpoints.add(new Endpoint("Console", ServiceSpecs.consoleUrl(ports)));
    readyIn = Duration.ofNanos(System.nanoTime() - t0);
  }

  private static boolean oneAfterAnother() {
    return Boolean.getBoolean(ONE_AFTER_ANOTHER);
  }

  private void startBroker() {
    Path log = options.home().logs().resolve("stack.log");
    LocalKafka kafka = new LocalKafka(options.home(), options.ports().kafka());
    LocalKafkaBroker started =
        part(
            "kafka",
            log,
            () -> (options.authenticatedBroker() ? kafka.authenticated() : kafka).start());
    synchronized (this) {
      // The broker stops last, after every part that uses it, whichever part started first.
      if (running.remove(started)) {
        running.addLast(started);
      }
    }
    broker = started;
  }

  /**
   * The services' Spring contexts in this JVM start side by side, each on a thread of its own: they
   * share no state but the broker (whose topics and ACLs exist before the broker is called ready),
   * and each one's start is mostly single-threaded work (class loading, bean creation, the first
   * connections), so two cores overlap it. Each reports when it is up and how long it took.
   */
  private void startContextsTogether(List<ServiceSpec> all, Path logs, Consumer<String> progress) {
    progress.accept(
        all.stream()
                .map(s -> s.name() + " on :" + s.port())
                .reduce((a, b) -> a + ", " + b)
                .orElse("")
            + (oneAfterAnother() ? ", one after another" : ", side by side"));
    java.util.Map<String, RunningService> started = new java.util.concurrent.ConcurrentHashMap<>();
    List<Together.Step> steps = new ArrayList<>();
    for (ServiceSpec spec : all) {
      steps.add(
          new Together.Step(
              spec.name(),
              () -> {
                long t0 = System.nanoTime();
                started.put(spec.name(), startService(spec, logs));
                startTimes.put(spec.name(), Duration.ofNanos(System.nanoTime() - t0));
              }));
    }
    Together.run(steps, oneAfterAnother());
    for (ServiceSpec spec : all) {
      services.add(started.get(spec.name()));
      endpoints.add(new Endpoint(spec.name(), "http://127.0.0.1:" + spec.port()));
    }
  }

  /**
   * Separate processes start side by side: every service's JVM is launched first, then each is
   * waited for in turn, within one deadline of {@link #HEALTH_WAIT} per service (what starting them
   * one after another allowed), so a slow start on a loaded machine fails no sooner than before. A
   * service that does not come up names itself and its log; the launch then stops all.
   */
  private void startProcessesTogether(List<ServiceSpec> all, Path logs, Consumer<String> progress) {
    List<RunningService> started = new ArrayList<>();
    long t0 = System.nanoTime();
    for (ServiceSpec spec : all) {
      Path log = logs.resolve(spec.name() + ".log");
      try {
        RunningService child =
            keep(new SeparateProcessLauncher(logs, jarSearchRoots()).start(spec));
        started.add(child);
        progress.accept(
            spec.name()
                + " on :"
                + spec.port()
                + child.classArchive().map(LocalStack::archiveNote).orElse(""));
      } catch (StackStartException | StoppedWhileStarting e) {
        throw e;
      } catch (RuntimeException e) {
        throw new StackStartException(spec.name(), log, e);
      }
    }
    Instant deadline = Instant.now().plus(HEALTH_WAIT.multipliedBy(all.size()));
    for (int i = 0; i < all.size(); i++) {
      ServiceSpec spec = all.get(i);
      Duration left = Duration.between(Instant.now(), deadline);
      HealthWait.untilUp(
          spec.name(),
          spec.port(),
          left.isNegative() ? Duration.ZERO : left,
          logs.resolve(spec.name() + ".log"),
          () -> closed);
      started.get(i).ready();
      startTimes.put(spec.name(), Duration.ofNanos(System.nanoTime() - t0));
      services.add(started.get(i));
      endpoints.add(new Endpoint(spec.name(), "http://127.0.0.1:" + spec.port()));
    }
  }

  private static String archiveNote(ClassArchiveUse use) {
    return switch (use) {
      case RECORDING ->
          " (recording its class-data archive: a slower start and stop this once, quicker starts"
              + " after)";
      case MAPPED -> " (class-data archive mapped)";
      case OFF, UNAVAILABLE -> "";
    };
  }

  private RunningService startService(ServiceSpec spec, Path logs) {
    Path log = logs.resolve(spec.name() + ".log");
    try {
      if (options.separateProcesses()) {
        RunningService child =
            keep(new SeparateProcessLauncher(logs, jarSearchRoots()).start(spec));
        HealthWait.untilUp(spec.name(), spec.port(), HEALTH_WAIT, log, () -> closed);
        child.ready();
        return child;
      }
      return keep(new InProcessServiceLauncher().start(spec));
    } catch (StackStartException | StoppedWhileStarting e) {
      throw e;
    } catch (RuntimeException e) {
      throw new StackStartException(spec.name(), log, e);
    }
  }

  private void startSandbox(Scenario scenario) {
    SandboxOptions sandboxOptions =
        SandboxOptions.defaults()
            .withPorts(options.ports().sandboxHttp(), options.ports().sandboxHttps())
            .withTiming(options.timing())
            .withTokens(credentials.sandbox());
    sandbox =
        part(
            "sandbox cluster",
            options.home().logs().resolve("stack.log"),
            () -> SandboxCluster.start(SandboxSpec.from(scenario), sandboxOptions));
    Path kube = options.home().root().resolve("kubeconfig");
    createDirectories(kube);
    sandbox.kubeconfig(kube.resolve("admin"), credentials.sandbox().admin());
    sandbox.kubeconfig(kube.resolve("read-only"), credentials.sandbox().readOnly());
    sandboxEndpoints.add(
        new Endpoint("Sandbox cluster API", sandbox.httpsUrl() + " (kubeconfigs in " + kube + ")"));
    sandboxEndpoints.add(new Endpoint("Sandbox metrics", sandbox.metricsUrl()));
  }

  /**
   * Launches Prometheus and Alertmanager; the stack awaits their first scrape once the services
   * run.
   */
  private void launchPrometheus(Path home, StackPorts ports, URI webhook) {
    StackSettings settings =
        StackSettings.local(
                home.resolve("prometheus"),
                ports.prometheus(),
                ports.alertmanager(),
                URI.create(sandbox.metricsUrl()),
                webhook)
            .withAlertHold(
                options.prometheus() == StackOptions.Prometheus.ALERTING
                    ? Duration.ofSeconds(10)
                    : Duration.ofHours(1));
    Launch launch = LocalPrometheus.start(settings);
    if (launch instanceof RunningStack stack) {
      keep(stack);
      prometheus = Optional.of(stack);
    } else if (launch instanceof Launch.Unavailable unavailable) {
      prometheusNote = unavailable.reason();
    }
  }

  /**
   * Stops every instance but the first of each service, as a crash would (an in-process context is
   * closed, a process destroyed); Kafka moves their partitions to the first instances.
   */
  public synchronized void stopSecondInstances() {
    for (RunningService service : List.copyOf(services)) {
      if (ServiceSpecs.instance(service.name()) > 1) {
        running.remove(service);
        services.remove(service);
        service.close();
      }
    }
  }

  /**
   * Stops one running service as a crash would ({@link RunningService#kill()}: SIGKILL when it runs
   * as its own process). Returns it, to say how it was stopped.
   */
  public synchronized RunningService kill(String name) {
    RunningService service =
        services.stream()
            .filter(s -> s.name().equals(name))
            .findFirst()
            .orElseThrow(() -> new IllegalArgumentException("no running service named " + name));
    running.remove(service);
    services.remove(service);
    service.kill();
    return service;
  }

  /** Starts a service that {@link #kill} stopped, as it was first started, and waits for it. */
  public synchronized RunningService startAgain(String name) {
    ServiceSpec spec = specs.get(name);
    if (spec == null) {
      throw new IllegalArgumentException("no service named " + name + " in this stack");
    }
    if (services.stream().anyMatch(s -> s.name().equals(name))) {
      throw new IllegalStateException(name + " is running");
    }
    RunningService service = startService(spec, options.home().logs());
    services.add(service);
    return service;
  }

  /** Stops the broker (the services keep running and retry), the first half of a restart. */
  public synchronized void stopBroker() {
    broker.close();
  }

  /**
   * Starts the stopped broker again on the same port and data, with the same identities, so every
   * service reconnects as itself.
   */
  public synchronized void startBrokerAgain() {
    LocalKafkaBroker stopped = broker;
    LocalKafkaBroker again = LocalKafka.restart(stopped);
    running.remove(stopped);
    // The broker stops last, after every part that uses it.
    if (closed) {
      closeQuietly(again);
      throw new StoppedWhileStarting();
    }
    running.addLast(again);
    broker = again;
  }

  /**
   * Stops the model simulator, as a gateway outage would: from now on every model call is refused
   * at the connection. What it journaled so far is dropped with it.
   */
  public synchronized void stopModelGateway() {
    running.remove(simulator);
    simulator.close();
  }

  /**
   * Starts the model simulator again on the same port and key, playing the stack's scenario afresh
   * (no overrides, call counts from zero), so the services' clients reach it as before.
   */
  public synchronized void startModelGatewayAgain() {
    if (closed) {
      throw new StoppedWhileStarting();
    }
    simulator =
        part("model simulator", options.home().logs().resolve("stack.log"), this::newSimulator);
  }

  private ModelSimulator newSimulator() {
    return ModelSimulator.start(
        options.scenario(),
        SimulatorConfig.defaults()
            .withPort(options.ports().simulator())
            .withApiKey(credentials.gatewayKey()),
        Clock.systemUTC());
  }

  /** How long the launch took, from the first part started to the stack ready. */
  public Duration readyIn() {
    return readyIn;
  }

  /**
   * How long each service took to start, in start order: in one JVM each context's own start (they
   * run side by side, so these overlap); as separate processes, from the first launch until each
   * answered UP.
   */
  public java.util.Map<String, Duration> serviceStartTimes() {
    java.util.Map<String, Duration> ordered = new java.util.LinkedHashMap<>();
    for (RunningService service : services) {
      Duration took = startTimes.get(service.name());
      if (took != null) {
        ordered.put(service.name(), took);
      }
    }
    return ordered;
  }

  /** The services started, in start order. */
  public List<RunningService> services() {
    return List.copyOf(services);
  }

  public SandboxCluster sandbox() {
    return sandbox;
  }

  public ModelSimulator simulator() {
    return simulator;
  }

  public PagerInbox pager() {
    return pager;
  }

  public String bootstrapServers() {
    return broker.bootstrapServers();
  }

  /**
   * How the stack's own tools (scenario results, the demo, the chaos suite) read the broker: as its
   * administrator.
   */
  public KafkaClientConfig kafkaClient() {
    return KafkaClientConfig.of(broker.bootstrapServers(), broker.adminClientProperties());
  }

  /** How a client reaches the broker as one service's principal (tests of the ACLs). */
  public KafkaClientConfig kafkaClient(io.backstop.events.access.ServicePrincipal principal) {
    return KafkaClientConfig.of(broker.bootstrapServers(), broker.clientProperties(principal));
  }

  public Credentials credentials() {
    return credentials;
  }

  public StackOptions options() {
    return options;
  }

  public URI triageWebhook() {
    return URI.create(
        "http://127.0.0.1:" + options.ports().triage() + "/api/v1/alerts/alertmanager");
  }

  /** The web console of escalation-service (log in as one of {@code credentials().console()}). */
  public URI consoleUrl() {
    return URI.create(ServiceSpecs.consoleUrl(options.ports()));
  }

  public List<Endpoint> endpoints() {
    return List.copyOf(endpoints);
  }

  /** Why Prometheus and Alertmanager are not running, when they were asked for and are not. */
  public String prometheusNote() {
    return prometheusNote;
  }

  private <T extends AutoCloseable> T part(
      String name, Path log, java.util.function.Supplier<T> start) {
    try {
      return keep(start.get());
    } catch (PortTakenException | StoppedWhileStarting e) {
      throw e;
    } catch (RuntimeException e) {
      throw new StackStartException(name, log, e);
    }
  }

  /**
   * Where the services' jars are looked for: the repository named by {@code backstop.root} (which
   * {@code ./backstop} sets), the working directory, then the local Maven repository.
   */
  private static List<Path> jarSearchRoots() {
    List<Path> roots = new ArrayList<>();
    String root = System.getProperty("backstop.root");
    if (root != null && !root.isBlank()) {
      roots.add(Path.of(root));
    }
    roots.add(Path.of("."));
    roots.add(mavenRepository());
    return roots;
  }

  private static Path mavenRepository() {
    return Path.of(System.getProperty("user.home"), ".m2", "repository");
  }

  private static void createDirectories(Path dir) {
    try {
      Files.createDirectories(dir);
    } catch (java.io.IOException e) {
      throw new IllegalStateException("cannot create " + dir + ": " + e.getMessage(), e);
    }
  }

  /**
   * Registers a part the moment it has started, so a close from another thread stops it; after a
   * close it is stopped at once and the launch ends.
   */
  private synchronized <T extends AutoCloseable> T keep(T part) {
    if (closed) {
      closeQuietly(part);
      throw new StoppedWhileStarting();
    }
    running.push(part);
    return part;
  }

  private static void closeQuietly(AutoCloseable part) {
    try {
      part.close();
    } catch (Exception e) {
      org.slf4j.LoggerFactory.getLogger(LocalStack.class).warn("stopping {} failed", part, e);
    }
  }

  /** The stack was asked to stop while it was still starting. */
  public static final class StoppedWhileStarting extends RuntimeException {
    StoppedWhileStarting() {
      super("the stack was stopped while it was starting");
    }
  }

  @Override
  public synchronized void close() {
    closed = true;
    // Service JVMs of their own are all asked to stop first, so their shutdowns (and any class-data
    // archive they write on the way out) overlap; each is then waited for in the usual order.
    for (AutoCloseable part : running) {
      if (part instanceof RunningService service) {
        service.beginStop();
      }
    }
    while (!running.isEmpty()) {
      AutoCloseable part = running.pop();
      try {
        part.close();
      } catch (Exception e) {
        // Stopping goes on: one part that fails to stop must not keep the others running.
        org.slf4j.LoggerFactory.getLogger(LocalStack.class).warn("stopping {} failed", part, e);
      }
    }
  }
}
