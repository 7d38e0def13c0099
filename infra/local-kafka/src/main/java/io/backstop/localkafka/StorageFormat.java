package io.backstop.localkafka;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
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
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      int status;
      try (PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8)) {
        status =
            StorageTool.execute(
                new String[] {
                  "format", "-t", clusterId, "-c", propertiesFile.toString(), "--ignore-formatted"
                },
                print);
      }
      if (status != 0) {
        throw new BrokerStartException(
            "formatting " + config.logDir() + " failed: " + out.toString(StandardCharsets.UTF_8));
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

  private static void write(Path file, Properties properties) throws IOException {
    try (OutputStream out = Files.newOutputStream(file)) {
      properties.store(out, "written by backstop local-kafka on each start; edits are overwritten");
    }
  }
}
