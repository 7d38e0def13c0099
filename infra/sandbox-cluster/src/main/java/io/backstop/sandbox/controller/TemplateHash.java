package io.backstop.sandbox.controller;

import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;

/**
 * The {@code pod-template-hash} of a pod template, as the deployment controller derives it: a
 * 32-bit FNV-1a hash of the template (without its own hash label), written in Kubernetes'
 * vowel-free alphabet. Equal templates give equal hashes, which is how a rollback finds and reuses
 * the old ReplicaSet.
 */
public final class TemplateHash {

  private static final String ALPHABET = "bcdfghjklmnpqrstvwxz2456789";

  private final KubernetesSerialization json;

  public TemplateHash(KubernetesSerialization json) {
    this.json = json;
  }

  public String of(PodTemplateSpec template) {
    PodTemplateSpec copy = json.clone(template);
    if (copy.getMetadata() != null && copy.getMetadata().getLabels() != null) {
      var labels = new HashMap<>(copy.getMetadata().getLabels());
      labels.remove(Annotations.POD_TEMPLATE_HASH);
      copy.getMetadata().setLabels(new java.util.TreeMap<>(labels));
    }
    if (copy.getMetadata() != null && copy.getMetadata().getAnnotations() != null) {
      copy.getMetadata()
          .setAnnotations(new java.util.TreeMap<>(copy.getMetadata().getAnnotations()));
    }
    return encode(fnv1a(json.asJson(copy).getBytes(StandardCharsets.UTF_8)));
  }

  static int fnv1a(byte[] bytes) {
    int hash = 0x811c9dc5;
    for (byte b : bytes) {
      hash ^= (b & 0xff);
      hash *= 0x01000193;
    }
    return hash;
  }

  static String encode(int hash) {
    String digits = Integer.toUnsignedString(hash);
    StringBuilder out = new StringBuilder();
    for (char c : digits.toCharArray()) {
      out.append(ALPHABET.charAt(c % ALPHABET.length()));
    }
    return out.toString();
  }
}
