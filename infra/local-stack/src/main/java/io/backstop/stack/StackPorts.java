package io.backstop.stack;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Every loopback port the local stack listens on, derived from one base so a whole second stack can
 * run beside the first ({@code --port-base}). Checked before anything starts: a taken port is a
 * {@link PortTakenException} naming the port and what wanted it, never a hang.
 */
public record StackPorts(int base) {

  public static final int DEFAULT_BASE = 17000;

  public StackPorts {
    if (base < 1024 || base > 65000) {
      throw new IllegalArgumentException(
          "the port base must be between 1024 and 65000, but was " + base);
    }
  }

  public int kafka() {
    return base + 92;
  }

  public int sandboxHttp() {
    return base + 80;
  }

  public int sandboxHttps() {
    return base + 443;
  }

  public int simulator() {
    return base + 100;
  }

  public int pager() {
    return base + 101;
  }

  public int tickets() {
    return base + 102;
  }

  public int triage() {
    return base + 81;
  }

  public int diagnosis() {
    return base + 82;
  }

  public int guardrail() {
    return base + 83;
  }

  public int executor() {
    return base + 84;
  }

  public int escalation() {
    return base + 85;
  }

  public int prometheus() {
    return base + 90;
  }

  public int alertmanager() {
    return base + 93;
  }

  /** Each port and what it is for, in start order. */
  public Map<String, Integer> all() {
    Map<String, Integer> ports = new LinkedHashMap<>();
    ports.put("kafka", kafka());
    ports.put("sandbox cluster (http)", sandboxHttp());
    ports.put("sandbox cluster (https)", sandboxHttps());
    ports.put("model simulator", simulator());
    ports.put("pager inbox", pager());
    ports.put("ticket MCP server", tickets());
    ports.put("triage-service", triage());
    ports.put("diagnosis-service", diagnosis());
    ports.put("guardrail-service", guardrail());
    ports.put("executor-service", executor());
    ports.put("escalation-service", escalation());
    ports.put("prometheus", prometheus());
    ports.put("alertmanager", alertmanager());
    return ports;
  }

  /** Throws for the first port something else already holds. */
  public void requireAllFree() {
    all()
        .forEach(
            (what, port) -> {
              if (!free(port)) {
                throw new PortTakenException(port, what);
              }
            });
  }

  static boolean free(int port) {
    try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
      socket.setReuseAddress(true);
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
