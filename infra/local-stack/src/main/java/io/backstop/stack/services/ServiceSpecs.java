package io.backstop.stack.services;

import io.backstop.events.access.ServicePrincipal;
import io.backstop.stack.Credentials;
import io.backstop.stack.StackPorts;
import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The five services as the local stack runs them: where each finds the broker and its counterparts,
 * and which credential each holds. Only triage gets the sandbox's read-only token; only the
 * executor gets the write token; the others get no cluster credential at all.
 */
public final class ServiceSpecs {

  private ServiceSpecs() {}

  /** What the services are pointed at. */
  public record Wiring(
      String bootstrapServers,
      /** Each service's SASL password on an authenticated broker; null on a plain one. */
      java.util.function.Function<ServicePrincipal, String> kafkaPasswords,
      String sandboxUrl,
      URI simulatorUrl,
      URI pagerUrl,
      URI ticketUrl,
      Optional<URI> prometheusUrl) {}

  public static List<ServiceSpec> all(StackPorts ports, Wiring wiring, Credentials credentials) {
    return List.of(
        triage(ports, wiring, credentials),
        diagnosis(ports, wiring, credentials),
        guardrail(ports, wiring, credentials),
        executor(ports, wiring, credentials),
        escalation(ports, wiring, credentials));
  }

  /** How far apart the HTTP ports of a service's instances are. */
  public static final int INSTANCE_PORT_STEP = 200;

  /**
   * Each spec {@code count} times: instance 1 as it is, instance {@code n} named {@code
   * <service>-n} on its port plus {@code (n-1) x 200}. Every instance joins its service's one
   * consumer group, so Kafka shares the partitions among them.
   */
  public static List<ServiceSpec> instances(List<ServiceSpec> specs, int count) {
    List<ServiceSpec> all = new java.util.ArrayList<>(specs);
    for (int n = 2; n <= count; n++) {
      for (ServiceSpec spec : specs) {
        all.add(
            new ServiceSpec(
                spec.name() + "-" + n,
                spec.applicationClass(),
                spec.execJarArtifact(),
                spec.port() + (n - 1) * INSTANCE_PORT_STEP,
                spec.properties()));
      }
    }
    return List.copyOf(all);
  }

  /** The instance number of a service by its name: 1, or n for {@code <service>-n}. */
  public static int instance(String name) {
    int dash = name.lastIndexOf('-');
    String tail = dash < 0 ? "" : name.substring(dash + 1);
    return tail.matches("[0-9]+") ? Integer.parseInt(tail) : 1;
  }

  /** The specs with {@code extra} properties added per service name (they win over the stack's). */
  public static List<ServiceSpec> withProperties(
      List<ServiceSpec> specs, Map<String, Map<String, String>> extra) {
    return specs.stream()
        .map(
            spec -> {
              Map<String, String> added = extra.getOrDefault(spec.name(), Map.of());
              if (added.isEmpty()) {
                return spec;
              }
              Map<String, String> p = new HashMap<>(spec.properties());
              p.putAll(added);
              return new ServiceSpec(
                  spec.name(), spec.applicationClass(), spec.execJarArtifact(), spec.port(), p);
            })
        .toList();
  }

  static ServiceSpec triage(StackPorts ports, Wiring wiring, Credentials credentials) {
    Map<String, String> p = withoutConsole(common(wiring, ServicePrincipal.TRIAGE));
    p.put("backstop.triage.kubernetes.master-url", wiring.sandboxUrl());
    p.put("backstop.triage.kubernetes.token", credentials.sandbox().readOnly());
    p.put("backstop.triage.kubernetes.trust-certs", "true");
    wiring
        .prometheusUrl()
        .ifPresent(url -> p.put("backstop.triage.prometheus.url", url.toString()));
    // The sandbox runs a leak 60 times faster than its profile and Prometheus scrapes it every
    // second: one run of a leaking container lasts seconds, not the minutes a 30s step resolves, so
    // each pod's working set is read at the scrape interval (a real cluster keeps the step)
    p.put("backstop.triage.prometheus.memory-trend-step", "1s");
    return new ServiceSpec(
        "triage-service",
        "io.backstop.triage.TriageApplication",
        "triage-service",
        ports.triage(),
        p);
  }

  static ServiceSpec diagnosis(StackPorts ports, Wiring wiring, Credentials credentials) {
    Map<String, String> p = withoutConsole(common(wiring, ServicePrincipal.DIAGNOSIS));
    p.put("backstop.diagnosis.gateway.base-url", wiring.simulatorUrl().resolve("/v1").toString());
    p.put("backstop.diagnosis.gateway.api-key-env", "BACKSTOP_GATEWAY_API_KEY");
    p.put("BACKSTOP_GATEWAY_API_KEY", credentials.gatewayKey());
    return new ServiceSpec(
        "diagnosis-service",
        "io.backstop.diagnosis.DiagnosisApplication",
        "diagnosis-service",
        ports.diagnosis(),
        p);
  }

  static ServiceSpec guardrail(StackPorts ports, Wiring wiring, Credentials credentials) {
    Map<String, String> p = withoutConsole(common(wiring, ServicePrincipal.GUARDRAIL));
    p.put("backstop.guardrail.admin-token", credentials.guardrailAdmin());
    p.put(
        "backstop.guardrail.signing.private-key-file",
        credentials.signing().privateKey().toString());
    return new ServiceSpec(
        "guardrail-service",
        "io.backstop.guardrail.GuardrailApplication",
        "guardrail-service",
        ports.guardrail(),
        p);
  }

  static ServiceSpec executor(StackPorts ports, Wiring wiring, Credentials credentials) {
    Map<String, String> p = withoutConsole(common(wiring, ServicePrincipal.EXECUTOR));
    p.put("backstop.executor.kubernetes.master-url", wiring.sandboxUrl());
    p.put("backstop.executor.kubernetes.token", credentials.sandbox().executor());
    p.put("backstop.executor.kubernetes.trust-certs", "true");
    p.put("backstop.executor.guardrail-public-keys", credentials.signing().publicKey().toString());
    p.put("backstop.executor.verification.timeout", "90s");
    p.put("backstop.executor.verification.poll-interval", "1s");
    wiring
        .prometheusUrl()
        .ifPresent(url -> p.put("backstop.executor.prometheus.url", url.toString()));
    // The local Prometheus scrapes every second: verify recovery over 15s, not production's 1m,
    // which would still count the outage's errors for a minute after the fix.
    p.put(
        "backstop.executor.prometheus.error-ratio-query",
        "sum(rate(http_requests_total{namespace=\"%1$s\",deployment=\"%2$s\",code=~\"5..\"}[15s]))"
            + " / sum(rate(http_requests_total{namespace=\"%1$s\",deployment=\"%2$s\"}[15s]))");
    return new ServiceSpec(
        "executor-service",
        "io.backstop.executor.ExecutorApplication",
        "executor-service",
        ports.executor(),
        p);
  }

  static ServiceSpec escalation(StackPorts ports, Wiring wiring, Credentials credentials) {
    Map<String, String> p = common(wiring, ServicePrincipal.ESCALATION);
    p.put("backstop.escalation.pager.url", wiring.pagerUrl().toString());
    p.put("backstop.escalation.pager.routing-key", credentials.pagerRoutingKey());
    p.put("backstop.escalation.ticket.url", wiring.ticketUrl().toString());
    p.put("backstop.escalation.ticket.token", credentials.ticketToken());
    p.put("backstop.escalation.console.public-url", consoleUrl(ports));
    p.put("backstop.escalation.console.guardrail.url", "http://127.0.0.1:" + ports.guardrail());
    p.put("backstop.escalation.console.guardrail.admin-token", credentials.guardrailAdmin());
    var users = credentials.console().users();
    for (int i = 0; i < users.size(); i++) {
      var user = users.get(i);
      p.put("backstop.escalation.console.users[" + i + "].username", user.username());
      p.put("backstop.escalation.console.users[" + i + "].password-hash", user.passwordHash());
      p.put("backstop.escalation.console.users[" + i + "].role", user.role());
      p.put("backstop.escalation.console.tokens[" + i + "].principal", user.username());
      p.put("backstop.escalation.console.tokens[" + i + "].sha256", user.tokenSha256());
      p.put("backstop.escalation.console.tokens[" + i + "].role", user.role());
    }
    return new ServiceSpec(
        "escalation-service",
        "io.backstop.escalation.EscalationApplication",
        "escalation-service",
        ports.escalation(),
        p);
  }

  /** Where people reach the console of a stack on these ports. */
  public static String consoleUrl(StackPorts ports) {
    return "http://127.0.0.1:" + ports.escalation();
  }

  /**
   * One JVM, one classpath: the console's Spring Security, OAuth2 client and Thymeleaf jars are
   * visible to every service's context. Only escalation-service serves the console; the others keep
   * their own HTTP endpoints exactly as in production, where those jars are not on their classpath
   * at all.
   */
  private static Map<String, String> withoutConsole(Map<String, String> p) {
    p.put("spring.autoconfigure.exclude", String.join(",", CONSOLE_AUTOCONFIGURATION));
    return p;
  }

  private static final List<String> CONSOLE_AUTOCONFIGURATION =
      List.of(
          "org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration",
          "org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration",
          "org.springframework.boot.security.autoconfigure.actuate.web.servlet"
              + ".ManagementWebSecurityAutoConfiguration",
          "org.springframework.boot.security.autoconfigure.web.servlet"
              + ".SecurityFilterAutoConfiguration",
          "org.springframework.boot.security.autoconfigure.web.servlet"
              + ".ServletWebSecurityAutoConfiguration",
          "org.springframework.boot.security.oauth2.client.autoconfigure"
              + ".OAuth2ClientAutoConfiguration",
          "org.springframework.boot.security.oauth2.client.autoconfigure.servlet"
              + ".OAuth2ClientWebSecurityAutoConfiguration",
          "org.springframework.boot.thymeleaf.autoconfigure.ThymeleafAutoConfiguration");

  /**
   * The broker, and the service's own identity on it: its SASL user and this start's password
   * (never on a command line: see the launchers), which its ACLs are bound to.
   */
  private static Map<String, String> common(Wiring wiring, ServicePrincipal principal) {
    Map<String, String> p = new HashMap<>();
    p.put("spring.kafka.bootstrap-servers", wiring.bootstrapServers());
    p.put("spring.cloud.stream.kafka.binder.brokers", wiring.bootstrapServers());
    if (wiring.kafkaPasswords() != null) {
      p.put("backstop.kafka.sasl.username", principal.user());
      p.put("backstop.kafka.sasl.password", wiring.kafkaPasswords().apply(principal));
    }
    // One JVM, one classpath: diagnosis's Spring AI jars are visible to every context. No service
    // uses an auto-configured model (diagnosis builds one client per target in code).
    for (String model :
        List.of(
            "chat", "embedding", "image", "moderation", "audio.speech", "audio.transcription")) {
      p.put("spring.ai.model." + model, "none");
    }
    return p;
  }
}
