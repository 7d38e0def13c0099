package io.backstop.localkafka;

import io.backstop.events.access.ServicePrincipal;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.Map;

/**
 * The broker's SASL/SCRAM identities: the stack's administrator ({@value #ADMIN}, the one super
 * user: it creates topics, users and ACLs, and the stack's own tools read with it), whose password
 * is made once per data directory and kept in {@code keys/kafka-admin.password} (0600, in a 0700
 * directory), and one user per service, whose passwords are made fresh at every start and only ever
 * handed to that service. Nothing here is logged; {@link #toString()} names users only.
 */
public final class BrokerCredentials {

  public static final String ADMIN = "backstop-admin";

  private final String adminPassword;
  private final Map<ServicePrincipal, String> services;

  private BrokerCredentials(String adminPassword, Map<ServicePrincipal, String> services) {
    this.adminPassword = adminPassword;
    this.services = services;
  }

  /** The admin password of this data directory (made on first use), and fresh service ones. */
  static BrokerCredentials forHome(StackHome home) {
    Path file = adminPasswordFile(home);
    try {
      // made on first use; one another start made at the same moment is kept and read below
      OwnerOnly.create(file, random());
      OwnerOnly.restrict(file, OwnerOnly.FILE);
      String admin = Files.readString(file, StandardCharsets.US_ASCII).strip();
      Map<ServicePrincipal, String> services = new EnumMap<>(ServicePrincipal.class);
      for (ServicePrincipal p : ServicePrincipal.values()) {
        services.put(p, random());
      }
      return new BrokerCredentials(admin, services);
    } catch (IOException e) {
      throw new BrokerStartException("cannot set up the broker's credentials under " + home, e);
    }
  }

  /** Where the admin password of a data directory is kept (for the CLI of a running stack). */
  public static Path adminPasswordFile(StackHome home) {
    return home.root().resolve("keys").resolve("kafka-admin.password");
  }

  /** The admin password of a running stack's data directory, for its tools. */
  public static String adminPassword(StackHome home) {
    try {
      return Files.readString(adminPasswordFile(home), StandardCharsets.US_ASCII).strip();
    } catch (IOException e) {
      throw new BrokerStartException(
          "cannot read the broker's admin password under " + home.root(), e);
    }
  }

  String adminPassword() {
    return adminPassword;
  }

  String password(ServicePrincipal principal) {
    return services.get(principal);
  }

  /** Client settings for SASL/SCRAM as {@code user} (the JAAS line holds the password). */
  static Map<String, Object> scram(String user, String password) {
    return Map.of(
        "security.protocol",
        "SASL_PLAINTEXT",
        "sasl.mechanism",
        "SCRAM-SHA-512",
        "sasl.jaas.config",
        "org.apache.kafka.common.security.scram.ScramLoginModule required username=\""
            + user
            + "\" password=\""
            + password
            + "\";");
  }

  private static String random() {
    byte[] bytes = new byte[24];
    new SecureRandom().nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }

  @Override
  public String toString() {
    return "BrokerCredentials[" + ADMIN + ", " + services.keySet() + "; passwords not shown]";
  }
}
