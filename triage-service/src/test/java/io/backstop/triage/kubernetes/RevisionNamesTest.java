package io.backstop.triage.kubernetes;

import static io.backstop.events.fixtures.Fixtures.minutesAgo;
import static org.assertj.core.api.Assertions.assertThat;

import io.backstop.events.MetadataKeys;
import io.backstop.events.signal.Revision;
import io.backstop.events.signal.ShaOrigin;
import io.backstop.triage.kubernetes.Rollouts.ReadRevision;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Revisions without a SHA of their own: {@code kubectl set env}, {@code edit} and {@code patch}
 * keep the image and the SHA annotation of the revision before. Each revision is named by number
 * and pod-template hash; the SHA is owned by the first revision that carries it.
 */
class RevisionNamesTest {

  static final Deployment CHECKOUT =
      new DeploymentBuilder()
          .withNewMetadata()
          .withName("checkout")
          .withNamespace("shop")
          .withUid("d-uid")
          .endMetadata()
          .build();

  static ReplicaSet rs(
      long revision, String hash, String image, String sha, String env, String memory) {
    Map<String, String> annotations = new HashMap<>();
    annotations.put(MetadataKeys.REVISION, Long.toString(revision));
    if (sha != null) {
      annotations.put(MetadataKeys.GIT_SHA, sha);
    }
    List<EnvVar> vars = new ArrayList<>();
    if (env != null) {
      for (String kv : env.split(";")) {
        String[] p = kv.split("=");
        vars.add(new EnvVar(p[0], p[1], null));
      }
    }
    return new ReplicaSetBuilder()
        .withNewMetadata()
        .withName("checkout-" + hash)
        .withNamespace("shop")
        .withLabels(Map.of(MetadataKeys.POD_TEMPLATE_HASH, hash))
        .withAnnotations(annotations)
        .withCreationTimestamp(minutesAgo(100 - revision * 10).toString())
        .addNewOwnerReference()
        .withKind("Deployment")
        .withName("checkout")
        .withUid("d-uid")
        .endOwnerReference()
        .endMetadata()
        .withNewSpec()
        .withReplicas(0)
        .withNewTemplate()
        .withNewSpec()
        .addNewContainer()
        .withName("checkout")
        .withImage(image)
        .withEnv(vars)
        .withNewResources()
        .withLimits(Map.of("memory", new Quantity(memory)))
        .endResources()
        .endContainer()
        .endSpec()
        .endTemplate()
        .endSpec()
        .build();
  }

  static List<ReadRevision> read(ReplicaSet... sets) {
    return Rollouts.revisions(CHECKOUT, List.of(sets));
  }

  @ParameterizedTest(name = "revision {0}: {3}")
  @CsvSource(
      nullValues = "none",
      value = {
        // a set-env revision keeps image and SHA annotation: inherited
        "2, 9c41d0e5b7a3f2e1d0c9b8a7f6e5d4c3b2a19081, 9c41d0e5b7a3f2e1d0c9b8a7f6e5d4c3b2a19081, INHERITED",
        // a new build owns its SHA
        "2, 9c41d0e5b7a3f2e1d0c9b8a7f6e5d4c3b2a19081, 7f3e2d1c0b9a887766554433221100ffeeddccbb, OWN",
        // no SHA anywhere
        "2, none, none, NONE",
      })
  void marksWhetherARevisionsShaIsItsOwnOrInherited(
      long revision, String firstSha, String secondSha, ShaOrigin origin) {
    String image = "registry.local/shop/checkout:v2";
    List<ReadRevision> history =
        read(
            rs(1, "5b8c7d6a4", image, firstSha, "A=1", "512Mi"),
            rs(2, "7d9f8c6b5", image, secondSha, "A=2", "512Mi"));

    Revision second = history.get((int) revision - 1).revision();
    assertThat(second.shaOrigin()).isEqualTo(origin);
    assertThat(history.get(0).revision().shaOrigin())
        .isEqualTo(firstSha == null ? ShaOrigin.NONE : ShaOrigin.OWN);
  }

  @Test
  void anInheritedShaNeverNamesTwoRevisionsEvenWhenItReturnsLater() {
    String a = "1a2b3c4d5e6f708192a3b4c5d6e7f80912a3b4c5";
    String b = "7f3e2d1c0b9a887766554433221100ffeeddccbb";
    List<ReadRevision> history =
        read(
            rs(1, "h1", "img:" + a.substring(0, 12), a, null, "512Mi"),
            rs(2, "h2", "img:" + b.substring(0, 12), b, null, "512Mi"),
            rs(3, "h3", "img:" + a.substring(0, 12), a, "FLAG=on", "512Mi"));

    assertThat(history)
        .extracting(r -> r.revision().shaOrigin())
        .containsExactly(ShaOrigin.OWN, ShaOrigin.OWN, ShaOrigin.INHERITED);
    assertThat(
            history.stream()
                .map(ReadRevision::revision)
                .filter(r -> r.ownsSha() && a.equals(r.gitSha())))
        .hasSize(1);
  }

  @Test
  void namesEveryRevisionByItsPodTemplateHashAndSaysWhatItChanged() {
    String sha = "9c41d0e5b7a3f2e1d0c9b8a7f6e5d4c3b2a19081";
    String image = "registry.local/shop/checkout:9c41d0e5b7a3";
    List<ReadRevision> history =
        read(
            rs(3, "5b8c7d6a4", image, sha, "A=1;B=2", "512Mi"),
            rs(4, "7d9f8c6b5", image, sha, "A=1;B=3;C=4", "256Mi"));

    assertThat(history)
        .extracting(r -> r.revision().podTemplateHash())
        .containsExactly("5b8c7d6a4", "7d9f8c6b5");
    assertThat(history.get(1).changed())
        .contains("memory limit 512Mi -> 256Mi")
        .contains("env B changed")
        .contains("env C added")
        .doesNotContain("image")
        .doesNotContain("=3");
  }
}
