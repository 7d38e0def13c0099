package io.backstop.sandbox.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.backstop.sandbox.store.ResourceType;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class TablePrinterTest {

  private static final Instant NOW = Instant.parse("2026-01-10T00:00:00Z");
  private final ObjectMapper mapper = new ObjectMapper();
  private final TablePrinter printer = new TablePrinter(mapper, Clock.fixed(NOW, ZoneOffset.UTC));

  @Test
  void agesPrintAsKubectlDoes() {
    assertThat(TablePrinter.human(Duration.ofSeconds(45))).isEqualTo("45s");
    assertThat(TablePrinter.human(Duration.ofMinutes(12))).isEqualTo("12m");
    assertThat(TablePrinter.human(Duration.ofHours(5))).isEqualTo("5h");
    assertThat(TablePrinter.human(Duration.ofDays(9))).isEqualTo("9d");
  }

  @Test
  void podRowsShowReadinessWaitingReasonAndRestarts() throws Exception {
    var pod =
        mapper.readTree(
            "{\"metadata\":{\"name\":\"p\",\"creationTimestamp\":\"2026-01-09T00:00:00Z\"},"
                + "\"spec\":{\"containers\":[{\"name\":\"c\"}]},"
                + "\"status\":{\"phase\":\"Running\",\"containerStatuses\":[{\"ready\":false,\"restartCount\":7,"
                + "\"state\":{\"waiting\":{\"reason\":\"CrashLoopBackOff\"}}}]}}");

    var table = printer.table(ResourceType.PODS, List.of(pod), "5");

    assertThat(table.path("kind").asText()).isEqualTo("Table");
    assertThat(table.path("rows").get(0).path("cells").toString())
        .isEqualTo("[\"p\",\"0/1\",\"CrashLoopBackOff\",\"7\",\"24h\"]");
    assertThat(table.path("rows").get(0).path("object").path("metadata").path("name").asText())
        .isEqualTo("p");
  }
}
