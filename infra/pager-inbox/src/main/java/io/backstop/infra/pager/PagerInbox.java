package io.backstop.infra.pager;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * The local counterpart of PagerDuty's Events API v2, for the local stack and tests: a real HTTP
 * server on loopback answering {@code POST /v2/enqueue} as an Events v2 receiver does (202 with
 * {@code status}, {@code message} and {@code dedup_key}; 400 with the Events v2 error shape), that
 * keeps everything it accepts, and {@code POST /v2/change/enqueue} as PagerDuty's change events
 * endpoint does. {@code GET /inbox} lists the pages; {@code POST /inbox/fail?count=N&status=S}
 * makes the next N requests fail, so a client's retries can be tested. Never on a service's
 * production path: the escalation service is pointed at it only by configuration.
 */
public final class PagerInbox implements AutoCloseable {

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

  private static final Logger log = LoggerFactory.getLogger(PagerInbox.class);

  private final HttpServer server;
  private final ExecutorService executor;
  private final Inbox inbox;
  private final FailureInjection failures = new FailureInjection();
  private ChangeHandler changes;
  private boolean closed;

  private PagerInbox(HttpServer server, ExecutorService executor, Inbox inbox) {
    this.server = server;
    this.executor = executor;
    this.inbox = inbox;
  }

  /** Starts on loopback; {@code port} 0 picks a free port. Received events go under {@code dir}. */
  public static PagerInbox start(int port, Path dir) {
    return start(port, dir, Clock.systemUTC());
  }

  public static PagerInbox start(int port, Path dir, Clock clock) {
    JsonMapper json = JsonMapper.builder().build();
    Inbox inbox = new Inbox(json, dir);
    try {
      HttpServer server =
          HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
      ExecutorService executor = Executors.newFixedThreadPool(4);
      server.setExecutor(executor);
      PagerInbox pager = new PagerInbox(server, executor, inbox);
      server.createContext("/v2/enqueue", new EnqueueHandler(json, inbox, pager.failures, clock));
      server.createContext("/inbox", new InboxHandler(json, inbox, pager.failures));
      pager.changes = new ChangeHandler(json, clock);
      server.createContext("/v2/change/enqueue", pager.changes);
      server.start();
      log.info("pager inbox (local Events v2 counterpart) listening on {}", pager.url());
      return pager;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the pager inbox on port " + port, e);
    }
  }

  /** The base URL; an Events v2 client posts to {@code url() + "/v2/enqueue"}. */
  public URI url() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /** Every event accepted so far, oldest first. */
  public List<ReceivedEvent> received() {
    return inbox.events();
  }

  /** The accepted events filed under one dedup key, oldest first. */
  public List<ReceivedEvent> received(String dedupKey) {
    return inbox.events().stream().filter(e -> e.dedupKey().equals(dedupKey)).toList();
  }

  /**
   * Every change event accepted so far ({@code /v2/change/enqueue}), oldest first; kept in memory.
   */
  public List<ReceivedEvent> changes() {
    return changes.changes();
  }

  /** The last state of each dedup key: triggered, acknowledged or resolved. */
  public Map<String, String> states() {
    return inbox.states();
  }

  /** Makes the next {@code count} requests fail with {@code status}. */
  public void failNext(int count, int status) {
    failures.failNext(count, status, null);
  }

  /** As {@link #failNext(int, int)}, with a {@code Retry-After} header in seconds. */
  public void failNext(int count, int status, int retryAfterSeconds) {
    failures.failNext(count, status, retryAfterSeconds);
  }

  /**
   * Answers the next requests late, one delay each, in order ({@code ZERO} for one on time): a slow
   * pager.
   */
  public void delayNext(java.time.Duration... delays) {
    failures.delayNext(List.of(delays));
  }

  /** Stops the server; closing twice is harmless. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    server.stop(0);
    executor.shutdownNow();
  }
}
