package io.backstop.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import io.backstop.events.TopicSpec;
import io.backstop.events.Topics;
import io.backstop.events.access.ServicePrincipal;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The chart's {@code files/kafka.yaml} (principals, ACLs and topics of a Strimzi install, and the
 * SASL user of each service) is generated from {@link ServicePrincipal} and {@link Topics}, the one
 * table the local broker's ACLs come from; this test fails when the file is stale. Regenerate it
 * with {@code -Dbackstop.regenerate=true}.
 */
class KafkaAccessFileTest {

  static final String HEADER =
      "# Generated from ServicePrincipal and Topics (backstop-events) by infra/deployment's\n"
          + "# KafkaAccessFileTest; do not edit. After changing either, regenerate with\n"
          + "# ./mvnw -B -q -o -pl infra/deployment -am test -Dtest=KafkaAccessFileTest"
          + " -Dbackstop.regenerate=true -Dsurefire.failIfNoSpecifiedTests=false\n";

  @Test
  void chartKafkaFileIsGeneratedFromThePrincipalsTableAndTheTopics() throws IOException {
    Path file = Chart.dir().resolve("files").resolve("kafka.yaml");
    String expected = render();
    if (Boolean.getBoolean("backstop.regenerate")) {
      Files.createDirectories(file.getParent());
      Files.writeString(file, expected, StandardCharsets.UTF_8);
    }
    assertThat(Files.readString(file, StandardCharsets.UTF_8))
        .as("%s is stale: regenerate it (see its header)", file)
        .isEqualTo(expected);
  }

  static String render() {
    StringBuilder y = new StringBuilder(HEADER);
    y.append("principals:\n");
    for (ServicePrincipal p : ServicePrincipal.values()) {
      y.append("  ").append(p.name().toLowerCase(Locale.ROOT)).append(":\n");
      y.append("    user: ").append(p.user()).append('\n');
      y.append("    reads:\n");
      p.reads().forEach(t -> y.append("      - ").append(t).append('\n'));
      y.append("    writes:\n");
      p.writes().forEach(t -> y.append("      - ").append(t).append('\n'));
    }
    y.append("topics:\n");
    for (TopicSpec t : Topics.all()) {
      y.append("  - name: ").append(t.name()).append('\n');
      y.append("    partitions: ").append(t.partitions()).append('\n');
      y.append("    config:\n");
      new TreeMap<>(t.configs())
          .forEach((k, v) -> y.append("      ").append(k).append(": \"").append(v).append("\"\n"));
    }
    return y.toString();
  }
}
