package io.backstop.sandbox.controller;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TemplateHashTest {

  private final TemplateHash hashes = new TemplateHash(new KubernetesSerialization());

  private static PodTemplateSpec template(String image, Map<String, String> labels) {
    return new PodTemplateSpecBuilder()
        .withNewMetadata()
        .withLabels(labels)
        .endMetadata()
        .withNewSpec()
        .addNewContainer()
        .withName("app")
        .withImage(image)
        .endContainer()
        .endSpec()
        .build();
  }

  @Test
  void equalTemplatesHashEquallyIgnoringTheirOwnHashLabel() {
    String plain = hashes.of(template("img:1", Map.of("app", "a")));
    String labelled = hashes.of(template("img:1", Map.of("app", "a", "pod-template-hash", plain)));

    assertThat(labelled).isEqualTo(plain);
    assertThat(plain).matches("[bcdfghjklmnpqrstvwxz2456789]+");
  }

  @Test
  void anImageOrAnnotationChangeChangesTheHash() {
    var base = template("img:1", Map.of("app", "a"));
    var restarted =
        new PodTemplateSpecBuilder(base)
            .editMetadata()
            .withAnnotations(Map.of("kubectl.kubernetes.io/restartedAt", "now"))
            .endMetadata()
            .build();

    assertThat(hashes.of(template("img:2", Map.of("app", "a")))).isNotEqualTo(hashes.of(base));
    assertThat(hashes.of(restarted)).isNotEqualTo(hashes.of(base));
  }
}
