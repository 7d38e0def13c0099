package io.backstop.triage.findings;

import static io.backstop.events.fixtures.Fixtures.minutesAgo;
import static org.assertj.core.api.Assertions.assertThat;

import io.backstop.events.signal.Revision;
import io.backstop.events.signal.RevisionHealth;
import io.backstop.events.signal.WorkloadRef;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A build that is the current revision of several Deployments is a release train. */
class ReleaseTrainsTest {

  /** "checkout=img:sha" pairs; a SHA of "-" means none. */
  static Map<WorkloadRef, Revision> current(String spec) {
    Map<WorkloadRef, Revision> out = new LinkedHashMap<>();
    int i = 0;
    for (String part : spec.split(" ")) {
      String[] kv = part.split("=");
      String[] imageSha = kv[1].split("@");
      out.put(
          WorkloadRef.deployment("shop", kv[0]),
          Revision.builder()
              .revision(3)
              .image(imageSha[0])
              .gitSha(imageSha.length > 1 ? imageSha[1] : null)
              .deployedAt(minutesAgo(30 - i++))
              .current(true)
              .health(RevisionHealth.UNKNOWN)
              .build());
    }
    return out;
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "checkout=reg/checkout:1a2b3c4d5e6f@1a2b3c4d5e6f cart=reg/cart:1a2b3c4d5e6f@1a2b3c4d5e6f payments=reg/payments:77aa88bb99cc@77aa88bb99cc|1a2b3c4d5e6f:cart,checkout",
        "web=reg/web:v2.4.1 api=reg/api:v2.4.1 worker=reg/worker:v2.4.1|v2.4.1:api,web,worker",
        "cache=redis:7.2 sessions=redis:7.2|none",
        "checkout=reg/checkout:1a2b3c4d5e6f@1a2b3c4d5e6f cart=reg/cart:9f9f9f9f9f9f@9f9f9f9f9f9f|none",
        "a=reg/mono:abcdef123456@abcdef1234567890abcdef1234567890abcdef12 b=reg/mono:abcdef123456@abcdef1234567890abcdef1234567890abcdef12|abcdef123456:a,b",
      })
  void findsBuildsThatAreTheCurrentRevisionOfSeveralDeployments(String spec, String want) {
    var trains = ReleaseTrains.of(current(spec));

    String got =
        trains.isEmpty()
            ? "none"
            : trains.get(0).build()
                + ":"
                + String.join(
                    ",", trains.get(0).deployments().stream().map(WorkloadRef::name).toList());
    assertThat(got).isEqualTo(want);
    trains.forEach(t -> assertThat(t.since()).isEqualTo(minutesAgo(30)));
  }
}
