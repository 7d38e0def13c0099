package io.backstop.stack.services;

import java.util.Map;

/**
 * One service to run: its name (also its log file), its Spring Boot application class, its HTTP
 * port and the properties that point it at this stack (broker, sandbox, tokens). Only the
 * executor's spec carries the cluster write token.
 */
public record ServiceSpec(
    String name,
    String applicationClass,
    String execJarArtifact,
    int port,
    Map<String, String> properties) {

  public ServiceSpec {
    properties = Map.copyOf(properties);
  }
}
