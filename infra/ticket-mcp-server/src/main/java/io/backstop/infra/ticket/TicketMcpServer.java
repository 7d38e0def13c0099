package io.backstop.infra.ticket;

import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.HttpServletStreamableServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema.ServerCapabilities;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.catalina.Context;
import org.apache.catalina.LifecycleException;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.util.modeler.Registry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * The local counterpart of a ticketing MCP server (Jira, GitHub or ServiceNow behind an MCP gateway
 * such as TrueFoundry's), for the local stack and tests. A real MCP server built on the MCP SDK:
 * streamable HTTP transport at {@code /mcp} on embedded Tomcat, bound to loopback, bearer token and
 * Origin validation on, tickets kept as files in the directory it is given. Never on a service's
 * production path: the escalation service reaches it only through configuration.
 */
public final class TicketMcpServer implements AutoCloseable {

  public static final String ENDPOINT = "/mcp";
  private static final Logger log = LoggerFactory.getLogger(TicketMcpServer.class);

  /**
   * Tomcat logs through java.util.logging: its start/stop lines and the class loader's warnings
   * about Reactor's shared threads are noise here. Only these loggers are turned down (the JVM may
   * host other embedded Tomcats); held here so the levels are not garbage-collected.
   */
  private static final List<java.util.logging.Logger> TOMCAT_LOGS = quietTomcat();

  private static final AtomicInteger ENGINES = new AtomicInteger();

  private final Tomcat tomcat;
  private final McpSyncServer mcp;
  private final Path baseDir;
  private boolean closed;

  private TicketMcpServer(Tomcat tomcat, McpSyncServer mcp, Path baseDir) {
    this.tomcat = tomcat;
    this.mcp = mcp;
    this.baseDir = baseDir;
  }

  /**
   * Starts on loopback ({@code port} 0 picks a free one), keeping tickets under {@code dir},
   * accepting only {@code token} and only the given origins (e.g. {@code http://localhost:*}).
   */
  public static TicketMcpServer start(
      int port, Path dir, String token, List<String> allowedOrigins) {
    return start(port, dir, token, allowedOrigins, Clock.systemUTC());
  }

  public static TicketMcpServer start(
      int port, Path dir, String token, List<String> allowedOrigins, Clock clock) {
    var transport =
        HttpServletStreamableServerTransportProvider.builder()
            .mcpEndpoint(ENDPOINT)
            .httpHeaderValidator(new AccessValidator(token, allowedOrigins))
            .build();
    JsonMapper json = JsonMapper.builder().build();
    TicketStore store = new TicketStore(dir, json, clock);
    McpSyncServer mcp =
        McpServer.sync(transport)
            .serverInfo("backstop-ticket-mcp-server", "0.1.0")
            .jsonMapper(McpJsonDefaults.getMapper())
            .capabilities(ServerCapabilities.builder().tools(true).build())
            .tools(new TicketTools(store, json).all())
            .build();
    Path baseDir = tempDir();
    Tomcat tomcat = tomcat(port, baseDir, transport);
    TicketMcpServer server = new TicketMcpServer(tomcat, mcp, baseDir);
    log.info("ticket MCP server (local counterpart) on {}, tickets in {}", server.url(), dir);
    return server;
  }

  private static Tomcat tomcat(
      int port, Path baseDir, HttpServletStreamableServerTransportProvider servlet) {
    // Tomcat's JMX names are the engine's name, host and context path: two servers at "/" in one
    // JVM (the local stack starts one per stack, a test JVM starts stacks one after another)
    // collide
    // with InstanceAlreadyExists. Keep Tomcat's MBeans out of the platform server, as Spring Boot
    // does for its own, and give each engine its own name in case a registry already exists.
    Registry.disableRegistry();
    Tomcat tomcat = new Tomcat();
    tomcat.setBaseDir(baseDir.toString());
    tomcat.getEngine().setName("ticket-mcp-" + ENGINES.incrementAndGet());
    Connector connector = new Connector();
    connector.setPort(port);
    connector.setProperty("address", "127.0.0.1");
    tomcat.setConnector(connector);
    Context context = tomcat.addContext("", baseDir.toString());
    Tomcat.addServlet(context, "mcp", servlet).setAsyncSupported(true);
    context.addServletMappingDecoded("/*", "mcp");
    try {
      tomcat.start();
    } catch (LifecycleException e) {
      throw new IllegalStateException("cannot start the ticket MCP server on port " + port, e);
    }
    return tomcat;
  }

  private static List<java.util.logging.Logger> quietTomcat() {
    List<java.util.logging.Logger> loggers = new java.util.ArrayList<>();
    for (String name :
        List.of(
            "org.apache.catalina.core.StandardService",
            "org.apache.catalina.core.StandardEngine",
            "org.apache.coyote.AbstractProtocol",
            "org.apache.coyote.http11.Http11NioProtocol")) {
      java.util.logging.Logger logger = java.util.logging.Logger.getLogger(name);
      logger.setLevel(java.util.logging.Level.WARNING);
      loggers.add(logger);
    }
    java.util.logging.Logger loader =
        java.util.logging.Logger.getLogger("org.apache.catalina.loader.WebappClassLoaderBase");
    loader.setLevel(java.util.logging.Level.SEVERE);
    loggers.add(loader);
    return List.copyOf(loggers);
  }

  private static Path tempDir() {
    try {
      return Files.createTempDirectory("ticket-mcp-tomcat");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The MCP endpoint, e.g. {@code http://127.0.0.1:PORT/mcp}. */
  public URI url() {
    return URI.create("http://127.0.0.1:" + tomcat.getConnector().getLocalPort() + ENDPOINT);
  }

  /** Stops the server; closing twice is harmless. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    mcp.close();
    try {
      tomcat.stop();
      tomcat.destroy();
    } catch (LifecycleException e) {
      log.warn("ticket MCP server did not stop cleanly", e);
    }
    deleteTree(baseDir);
  }

  private static void deleteTree(Path root) {
    try (var paths = Files.walk(root)) {
      paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      log.warn("could not remove Tomcat's work directory {}", root, e);
    }
  }
}
