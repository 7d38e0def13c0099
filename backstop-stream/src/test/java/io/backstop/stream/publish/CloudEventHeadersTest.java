package io.backstop.stream.publish;

import static org.assertj.core.api.Assertions.assertThat;

import io.backstop.events.fixtures.Decisions;
import io.backstop.events.fixtures.Fixtures;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;

class CloudEventHeadersTest {

  @Test
  void carriesTheCloudEventsAttributesOfTheEventInBinaryMode() {
    var approved = Decisions.rollbackApproved();

    Map<String, String> headers =
        CloudEventHeaders.of(approved, "guardrail-service").stream()
            .collect(
                Collectors.toMap(Header::key, h -> new String(h.value(), StandardCharsets.UTF_8)));

    assertThat(headers)
        .containsEntry("ce_specversion", "1.0")
        .containsEntry("ce_id", approved.eventId().toString())
        .containsEntry("ce_type", "io.backstop.ActionApproved.v1")
        .containsEntry("ce_source", "/backstop/guardrail-service")
        .containsEntry("ce_time", Fixtures.NOW.toString())
        .containsEntry("ce_subject", approved.incidentId().value())
        .containsEntry("content-type", "application/json")
        .hasSize(7);
  }
}
