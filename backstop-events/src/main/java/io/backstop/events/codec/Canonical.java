package io.backstop.events.codec;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The canonical form of an event document: object keys sorted at every level, nulls left out, every
 * number as a plain decimal without trailing zeros ({@code 1.50} and {@code 1.5} are the same
 * number, {@code 1.0E-4} is {@code 0.0001}; NaN and the infinities as the strings Jackson writes
 * for them), no whitespace, and the top-level {@code header.hash} left out. It depends only on the
 * document, never on the Java types that wrote or read it.
 */
final class Canonical {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final JsonMapper WRITER =
      JsonMapper.builder().enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN).build();

  private Canonical() {}

  static byte[] bytes(JsonNode document) {
    JsonNode canonical = normalise(document);
    if (canonical instanceof ObjectNode root && root.get("header") instanceof ObjectNode header) {
      header.remove("hash");
    }
    return WRITER.writeValueAsString(canonical).getBytes(StandardCharsets.UTF_8);
  }

  /**
   * The form a signature is computed over: the canonical form with {@code header.signature} left
   * out as well as {@code header.hash} (the hash is computed after signing and covers the
   * signature).
   */
  static byte[] signedBytes(JsonNode document) {
    JsonNode canonical = normalise(document);
    if (canonical instanceof ObjectNode root && root.get("header") instanceof ObjectNode header) {
      header.remove("hash");
      header.remove("signature");
    }
    return WRITER.writeValueAsString(canonical).getBytes(StandardCharsets.UTF_8);
  }

  static String sha256(byte[] canonical) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every Java platform", e);
    }
  }

  private static JsonNode normalise(JsonNode node) {
    if (node.isObject()) {
      Map<String, JsonNode> sorted = new TreeMap<>();
      for (Map.Entry<String, JsonNode> field : node.properties()) {
        if (!field.getValue().isNull()) {
          sorted.put(field.getKey(), normalise(field.getValue()));
        }
      }
      ObjectNode object = NODES.objectNode();
      sorted.forEach(object::set);
      return object;
    }
    if (node.isArray()) {
      ArrayNode array = NODES.arrayNode();
      node.values().forEach(element -> array.add(normalise(element)));
      return array;
    }
    if (node.isNumber() && node.isFloatingPointNumber() && !Double.isFinite(node.doubleValue())) {
      return NODES.stringNode(String.valueOf(node.doubleValue()));
    }
    if (node.isNumber()) {
      BigDecimal value = node.decimalValue().stripTrailingZeros();
      return NODES.numberNode(value.scale() < 0 ? value.setScale(0) : value);
    }
    return node;
  }
}
