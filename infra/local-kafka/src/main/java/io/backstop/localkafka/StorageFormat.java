package io.backstop.localkafka;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import kafka.tools.StorageTool;
import org.apache.kafka.common.Uuid;

/**
 * Formats the broker's storage as {@code kafka-storage.sh format} does, through the same {@code
 * kafka.tools.StorageTool}. The cluster id is generated once per data directory and kept in {@code
 * cluster.id}; formatting again is a no-op ({@code --ignore-formatted}), so a restart keeps the
 * data.
 */
final class StorageFormat {

  private StorageFormat() {}

  static void format(Path kafkaDir, BrokerConfig config) {
    try {
      Files.createDirectories(config.logDir());
      Path propertiesFile = kafkaDir.resolve("server.properties");
      write(propertiesFile, config.properties());
      String clusterId = clusterId(kafkaDir.resolve("cluster.id"));
      Path marker = kafkaDir.resolve("authenticated");
      if (config.authenticated()
          && Files.exists(config.logDir().resolve("meta.properties"))
          && !Files.exists(marker)) {
        throw new BrokerStartException(
            "the broker data in "
                + config.logDir()
                + " was made before the broker required authentication and has no users; stop"
                + " the stack and remove "
                + kafkaDir
                + " to start with a fresh broker");
      }
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      int status;
      try (PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8)) {
        java.util.List<String> args =
            new java.util.ArrayList<>(
                java.util.List.of(
                    "format",
                    "-t",
                    clusterId,
                    "-c",
                    propertiesFile.toString(),
                    "--ignore-formatted"));
        if (config.authenticated()) {
          // in this JVM, not a command line: the admin's SCRAM credential, made with the storage
          args.add("--add-scram");
          args.add(
              "SCRAM-SHA-512=[name="
                  + BrokerCredentials.ADMIN
                  + ",password="
                  + config.adminPassword()
                  + "]");
        }
        status = StorageTool.execute(args.toArray(String[]::new), print);
      }
      if (status != 0) {
        throw new BrokerStartException(
            "formatting "
                + config.logDir()
                + " failed: "
                + redacted(out.toString(StandardCharsets.UTF_8), config));
      }
      if (config.authenticated() && !Files.exists(marker)) {
        Files.writeString(marker, "SCRAM-SHA-512\n", StandardCharsets.UTF_8);
      }
    } catch (IOException e) {
      throw new BrokerStartException("cannot prepare " + kafkaDir, e);
    } catch (RuntimeException e) {
      if (e instanceof BrokerStartException) {
        throw e;
      }
      throw new BrokerStartException("formatting " + config.logDir() + " failed: " + e, e);
    }
  }

  private static String clusterId(Path file) throws IOException {
    if (Files.exists(file)) {
      return Files.readString(file, StandardCharsets.UTF_8).trim();
    }
    String id = Uuid.randomUuid().toString();
    Files.writeString(file, id, StandardCharsets.UTF_8);
    return id;
  }

  private static String redacted(String text, BrokerConfig config) {
    return config.authenticated() ? text.replace(config.adminPassword(), "***") : text;
  }

  /** Written owner-only: it may hold the admin password. */
  private static void write(Path file, Properties properties) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    properties.store(out, "written by backstop local-kafka on each start; edits are overwritten");
    OwnerOnly.write(file, out.toByteArray());
  }
}
