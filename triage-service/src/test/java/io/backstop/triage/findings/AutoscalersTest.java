package io.backstop.triage.findings;

import static org.assertj.core.api.Assertions.assertThat;

import io.backstop.events.signal.WorkloadKind;
import io.backstop.events.signal.WorkloadRef;
import io.backstop.triage.kubernetes.Apps;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * An HPA is pinned at its maximum only when it runs its maximum and wants more: rows of HPA status
 * shapes as the controller writes them, and whether each is at its maximum.
 */
class AutoscalersTest {

  static final WorkloadRef WEB = WorkloadRef.deployment("default", "web");

  record Row(String name, HorizontalPodAutoscaler hpa, boolean atMax, String says) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Row> rows() {
    return Stream.of(
        new Row(
            "at max, ScalingLimited TooManyReplicas: pinned",
            Apps.hpa("default", "web", "Deployment", "web", 2, 4, 4, 4, 97, "TooManyReplicas"),
            true,
            "AT ITS MAXIMUM"),
        new Row(
            "at max, no condition read yet but CPU above target: pinned",
            Apps.hpa("default", "web", "Deployment", "web", 2, 4, 4, 4, 97, null),
            true,
            "cpu 97% of requests, target 60%, above its target"),
        new Row(
            "at max with CPU under target: not pinned, it simply needs 4",
            Apps.hpa("default", "web", "Deployment", "web", 2, 4, 4, 4, 41, null),
            false,
            "owns the replica count"),
        new Row(
            "below max, wanting more: still scaling, not pinned",
            Apps.hpa("default", "web", "Deployment", "web", 2, 10, 5, 7, 90, null),
            false,
            "desired 7"),
        new Row(
            "at min, ScalingLimited TooFewReplicas: limited, but not at its maximum",
            Apps.hpa("default", "web", "Deployment", "web", 2, 4, 2, 2, 5, "TooFewReplicas"),
            false,
            "ScalingLimited=True (TooFewReplicas"),
        new Row(
            "no status yet: not pinned",
            Apps.hpa("default", "web", "Deployment", "web", 2, 4, 0, 0, null, null),
            false,
            "current unknown"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rows")
  void anHpaIsPinnedOnlyAtItsMaximumWhileWantingMore(Row row) {
    List<Autoscalers.Found> found = Autoscalers.of("default", List.of(row.hpa()), List.of(WEB));

    assertThat(found).singleElement().satisfies(f -> assertThat(f.atMax()).isEqualTo(row.atMax()));
    assertThat(found.get(0).text())
        .contains(row.says())
        .startsWith("HPA web scales deployment/web");
  }

  @Test
  void readsBoundsConditionsAndSinceWhenTheLimitBegan() {
    Autoscalers.Found f =
        Autoscalers.of(
                "default",
                List.of(
                    Apps.hpa(
                        "default", "web", "Deployment", "web", 2, 4, 4, 4, 97, "TooManyReplicas")),
                List.of(WEB))
            .get(0);

    assertThat(f.minReplicas()).isEqualTo(2);
    assertThat(f.maxReplicas()).isEqualTo(4);
    assertThat(f.currentReplicas()).isEqualTo(4);
    assertThat(f.scalingLimited()).isTrue();
    assertThat(f.limitedSince()).isEqualTo(Instant.parse("2026-11-24T09:46:00Z"));
    assertThat(f.subject()).isEqualTo("horizontalpodautoscaler/web");
    assertThat(f.detail())
        .contains("ScalingLimited=True (TooManyReplicas: the desired replica count is more")
        .doesNotContain("AbleToScale");
  }

  @Test
  void keepsOnlyHpasOfTheWorkloadsWithEvidenceWhateverTheirKind() {
    var hpas =
        List.of(
            Apps.hpa("default", "web", "Deployment", "web", 2, 4, 4, 4, 97, "TooManyReplicas"),
            Apps.hpa("default", "batch", "Deployment", "batch", 1, 3, 1, 1, 10, null),
            Apps.hpa("default", "db", "StatefulSet", "db", 1, 3, 1, 1, 10, null),
            Apps.hpa("default", "rollout", "Rollout", "web", 1, 3, 1, 1, 10, null));
    var db = new WorkloadRef(WorkloadKind.STATEFULSET, "default", "db");

    assertThat(Autoscalers.of("default", hpas, List.of(WEB, db)))
        .extracting(Autoscalers.Found::name)
        .containsExactly("web", "db");
  }
}
