package io.backstop.modelsim;

import com.sun.net.httpserver.HttpServer;
import io.backstop.modelsim.answer.Responder;
import io.backstop.modelsim.http.ChatCompletionsHandler;
import io.backstop.modelsim.http.ControlHandler;
import io.backstop.modelsim.http.ModelsHandler;
import io.backstop.scenario.ModelBehaviour;
import io.backstop.scenario.Scenario;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * A <b>model simulator</b>, not a model: an OpenAI-compatible HTTP server ({@code POST
 * /v1/chat/completions}, {@code GET /v1/models}, bearer auth) whose answer per requested model is
 * scripted by a {@link Scenario}: honest (the scenario's correct diagnosis as JSON), hallucinating
 * (its scripted lie), rate-limited (429 with Retry-After), server error (500), slow (answers after
 * a delay) or unparseable (prose). Every call is journaled ({@link #calls()}, {@code GET
 * /simulator/calls}); the scenario can be swapped while it runs ({@link #use}, {@code POST
 * /simulator/scenario}). It exists for tests and the local demo and never runs in a service.
 */
public final class ModelSimulator implements AutoCloseable {

  /**
   * The JDK's HttpServer leaves Nagle's algorithm on its connections unless this property is set
   * before its first server starts. A reply written as headers, then body, then waits for the
   * client's delayed acknowledgement: about 40 ms per call on Linux loopback, which every caller
   * (and the bench) would count as its own time.
   */
  private static final String NO_DELAY = "sun.net.httpserver.nodelay";

  static {
    if (System.getProperty(NO_DELAY) == null) {
      System.setProperty(NO_DELAY, "true");
    }
  }

  static {
    // The JDK server writes headers and body separately; without TCP_NODELAY every answer waits
    // out a delayed ACK (about 40 ms). Read once, when the JDK's server config is first loaded.
    if (System.getProperty("sun.net.httpserver.nodelay") == null) {
      System.setProperty("sun.net.httpserver.nodelay", "true");
    }
  }

  private final HttpServer server;
  private final ExecutorService executor;
  private final Script script;
  private final CallJournal journal;

  private ModelSimulator(
      HttpServer server, ExecutorService executor, Script script, CallJournal journal) {
    this.server = server;
    this.executor = executor;
    this.script = script;
    this.journal = journal;
  }

  /** Starts on loopback, on a free port, with the default API key. */
  public static ModelSimulator start(Scenario scenario) {
    return start(scenario, SimulatorConfig.defaults(), Clock.systemUTC());
  }

  public static ModelSimulator start(Scenario scenario, SimulatorConfig config, Clock clock) {
    ObjectMapper json = JsonMapper.builder().build();
    var script = new Script(scenario);
    var journal = new CallJournal();
    var responder = new Responder(json, clock, config.slowDelayOverride());
    HttpServer server;
    try {
      server = HttpServer.create(new InetSocketAddress(config.host(), config.port()), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "model simulator cannot listen on " + config.host() + ":" + config.port(), e);
    }
    server.createContext(
        "/v1/chat/completions",
        new ChatCompletionsHandler(script, responder, journal, config.apiKey(), json, clock));
    server.createContext("/v1/models", new ModelsHandler(script, config.apiKey(), json, clock));
    server.createContext("/simulator/", new ControlHandler(script, journal, json));
    ExecutorService executor = Executors.newCachedThreadPool(daemonThreads());
    server.setExecutor(executor);
    server.start();
    return new ModelSimulator(server, executor, script, journal);
  }

  public int port() {
    return server.getAddress().getPort();
  }

  /**
   * The base URL OpenAI clients take ({@code http://127.0.0.1:PORT}); they append {@code /v1/...}.
   */
  public URI baseUrl() {
    return URI.create("http://" + server.getAddress().getHostString() + ":" + port());
  }

  /** Plays another scenario from the next call on; per-model call counts start afresh. */
  public void use(Scenario scenario) {
    script.use(scenario);
  }

  /** Gives one model another behaviour until the next {@link #use}. */
  public void override(String model, ModelBehaviour behaviour) {
    script.override(model, behaviour);
  }

  public Scenario scenario() {
    return script.scenario();
  }

  /** Every call so far, in arrival order. */
  public List<CallRecord> calls() {
    return journal.calls();
  }

  /**
   * The body of every chat request that passed the API key check, as it arrived, in arrival order
   * (the first {@link CallJournal#BODIES_KEPT} since the last {@link #clearCalls()}).
   */
  public List<RequestBody> requestBodies() {
    return journal.bodies();
  }

  /** Request bodies that arrived after {@link CallJournal#BODIES_KEPT} were kept. */
  public long requestBodiesNotKept() {
    return journal.bodiesNotKept();
  }

  public void clearCalls() {
    journal.clear();
  }

  /** Stops listening at once; slow answers still sleeping are interrupted. */
  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }

  private static java.util.concurrent.ThreadFactory daemonThreads() {
    var count = new AtomicInteger();
    return runnable -> {
      var thread = new Thread(runnable, "model-simulator-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }
}
