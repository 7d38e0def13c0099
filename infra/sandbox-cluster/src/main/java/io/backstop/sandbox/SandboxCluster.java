package io.backstop.sandbox;

import io.backstop.sandbox.access.Tokens;
import io.backstop.sandbox.api.SandboxDispatcher;
import io.backstop.sandbox.api.WriteRecord;
import io.backstop.sandbox.controller.ClusterLoader;
import io.backstop.sandbox.controller.ControllerLoop;
import io.backstop.sandbox.spec.SandboxSpec;
import io.backstop.sandbox.store.ClusterStore;
import io.backstop.sandbox.workload.WorkloadSimulator;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Optional;

/**
 * SIMULATOR — the sandbox cluster: a Kubernetes API on loopback, over HTTP and HTTPS, that reacts
 * like a cluster. It is the fabric8 mock server in CRUD mode behind the sandbox's own dispatcher
 * (authentication, authorization, discovery, patches, dry run, subresources), with a simulated
 * deployment controller and workload behaviour driven by health profiles, and Prometheus metrics at
 * {@code /metrics}. For tests, the local stack and the demo only: services reach it as a Kubernetes
 * API URL and never depend on this class.
 */
public final class SandboxCluster implements AutoCloseable {

  /** The mock server logs every request through java.util.logging at INFO; keep it to warnings. */
  private static final java.util.logging.Logger MOCK_SERVER_LOG = quietMockServerLog();

  private final SandboxOptions options;
  private final ClusterStore store;
  private final WorkloadSimulator simulator;
  private final ControllerLoop controllers;
  private final SandboxDispatcher dispatcher;
  private final KubernetesMockServer http;
  private final KubernetesMockServer https;
  private final SnapshotReader snapshots;

  private SandboxCluster(SandboxSpec spec, SandboxOptions options) {
    this.options = options;
    this.store = new ClusterStore(new KubernetesCrudDispatcher(), new KubernetesSerialization());
    this.simulator = new WorkloadSimulator(options.timing());
    this.controllers =
        new ControllerLoop(
            store,
            simulator,
            new io.backstop.sandbox.controller.PodPolicies(spec),
            options.clock(),
            options.reconcileInterval(),
            options.seed());
    SandboxSimulation simulation = new SandboxSimulation(store, simulator, options.clock());
    simulation.attach(controllers);
    this.dispatcher = new SandboxDispatcher(store, options.tokens(), simulation, options.clock());
    this.http = server(false);
    this.https = server(true);
    this.snapshots = new SnapshotReader(store, simulator, options.clock());
    new ClusterLoader(store, controllers, simulator, options.clock()).load(spec);
    controllers.tick();
  }

  private static java.util.logging.Logger quietMockServerLog() {
    var logger = java.util.logging.Logger.getLogger("io.fabric8.mockwebserver");
    logger.setLevel(java.util.logging.Level.WARNING);
    return logger;
  }

  /** Loads {@code spec}, starts both listeners and the controllers. */
  public static SandboxCluster start(SandboxSpec spec, SandboxOptions options) {
    SandboxCluster cluster = new SandboxCluster(spec, options);
    cluster.listen();
    return cluster;
  }

  /** Loads a scenario ({@link SandboxSpec#from}), starts both listeners and the controllers. */
  public static SandboxCluster start(
      io.backstop.scenario.Scenario scenario, SandboxOptions options) {
    return start(SandboxSpec.from(scenario), options);
  }

  private KubernetesMockServer server(boolean tls) {
    return new KubernetesMockServer(
        new Context(), new MockWebServer(), new HashMap<>(), dispatcher, tls);
  }

  private void listen() {
    try {
      InetAddress address = InetAddress.getByName(options.host());
      http.start(address, options.httpPort());
      https.start(address, options.httpsPort());
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("cannot resolve sandbox host " + options.host(), e);
    }
    controllers.start();
  }

  /** {@code http://127.0.0.1:PORT} (no trailing slash). */
  public String httpUrl() {
    return "http://" + options.host() + ":" + http.getPort();
  }

  /** {@code https://127.0.0.1:PORT}, self-signed: clients must trust all certificates. */
  public String httpsUrl() {
    return "https://" + options.host() + ":" + https.getPort();
  }

  /** The Prometheus scrape URL (no token needed). */
  public String metricsUrl() {
    return httpUrl() + "/metrics";
  }

  public Tokens tokens() {
    return options.tokens();
  }

  /** Writes {@code kubeconfig-<user>.yaml} for one of the sandbox's tokens into {@code dir}. */
  public Path kubeconfig(Path dir, String token) {
    String user =
        options
            .tokens()
            .principalOf(token)
            .orElseThrow(() -> new IllegalArgumentException("not a sandbox token"))
            .name();
    return Kubeconfig.write(dir, user, httpsUrl(), token);
  }

  public SandboxSnapshot snapshot() {
    return snapshots.read(dispatcher.writes());
  }

  /** Every write request received so far, with its token, oldest first. */
  public List<WriteRecord> writes() {
    return dispatcher.writes();
  }

  /**
   * Waits, at most {@code timeout}, until every action the scenario scheduled for now or earlier (a
   * fault: a scale, a rotation, a condition) has run inside a reconcile step, and answers how late
   * the latest of them ran after its scheduled time. On a loaded machine the loop can run a fault
   * seconds late; a scenario run waits for it, and for as long again as it was late, before it
   * alerts, so the alert never races the fault it is about.
   *
   * @throws IllegalStateException when they have not all run within {@code timeout}
   */
  public Duration awaitScheduled(Duration timeout) {
    Instant by = options.clock().instant();
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      Optional<Duration> late = controllers.ranEverythingDueBy(by);
      if (late.isPresent()) {
        return late.get();
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            "the sandbox has not run the actions scheduled by " + by + " within " + timeout);
      }
      controllers.wake();
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(
            "interrupted waiting for the sandbox's scheduled actions", e);
      }
    }
  }

  /** Runs one reconcile step now (tests that want determinism; the loop runs anyway). */
  public void reconcileNow() {
    controllers.tick();
  }

  @Override
  public void close() {
    controllers.close();
    http.shutdown();
    https.shutdown();
  }
}
