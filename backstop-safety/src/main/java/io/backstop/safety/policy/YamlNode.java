package io.backstop.safety.policy;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Strict reading of one YAML mapping: a missing key, an unknown key or a wrong type is an error
 * naming the path, so a typo in the policy file never becomes a silent default.
 */
final class YamlNode {

  private final String origin;
  private final String path;
  private final Map<?, ?> map;

  private YamlNode(String origin, String path, Map<?, ?> map) {
    this.origin = origin;
    this.path = path;
    this.map = map;
  }

  static YamlNode root(String origin, Object document) {
    if (!(document instanceof Map<?, ?> map)) {
      throw new PolicyFileException(origin, "the document must be a mapping");
    }
    return new YamlNode(origin, "", map);
  }

  YamlNode expectOnly(Set<String> keys) {
    for (Object key : map.keySet()) {
      if (!keys.contains(String.valueOf(key))) {
        throw error(where(String.valueOf(key)), "unknown key; expected one of " + keys);
      }
    }
    return this;
  }

  YamlNode node(String key) {
    Object value = required(key);
    if (!(value instanceof Map<?, ?> child)) {
      throw error(where(key), "must be a mapping");
    }
    return new YamlNode(origin, where(key), child);
  }

  List<YamlNode> nodes(String key) {
    List<YamlNode> nodes = new ArrayList<>();
    int index = 0;
    for (Object item : list(key)) {
      String at = where(key) + "[" + index++ + "]";
      if (!(item instanceof Map<?, ?> child)) {
        throw error(at, "must be a mapping");
      }
      nodes.add(new YamlNode(origin, at, child));
    }
    return nodes;
  }

  String text(String key) {
    Object value = required(key);
    if (!(value instanceof String text) || text.isBlank()) {
      throw error(where(key), "must be non-blank text, but was " + value);
    }
    return text;
  }

  String optionalText(String key) {
    return map.containsKey(key) ? text(key) : null;
  }

  double decimal(String key) {
    Object value = required(key);
    if (!(value instanceof Number number)) {
      throw error(where(key), "must be a number, but was " + value);
    }
    return number.doubleValue();
  }

  int integer(String key) {
    Object value = required(key);
    if (!(value instanceof Integer number)) {
      throw error(where(key), "must be an integer, but was " + value);
    }
    return number;
  }

  Duration duration(String key) {
    String text = text(key);
    try {
      return Duration.parse(text);
    } catch (DateTimeParseException e) {
      throw error(where(key), "must be an ISO-8601 duration such as PT30M, but was " + text);
    }
  }

  List<String> texts(String key) {
    List<String> texts = new ArrayList<>();
    for (Object item : list(key)) {
      if (!(item instanceof String text) || text.isBlank()) {
        throw error(where(key), "must hold only non-blank text, but held " + item);
      }
      texts.add(text);
    }
    return texts;
  }

  /** A boolean that may be left out ({@code fallback} then); anything but true or false fails. */
  boolean flag(String key, boolean fallback) {
    if (!map.containsKey(key)) {
      return fallback;
    }
    Object value = map.get(key);
    if (!(value instanceof Boolean flag)) {
      throw error(where(key), "must be true or false, but was " + value);
    }
    return flag;
  }

  boolean has(String key) {
    return map.containsKey(key);
  }

  /** A map of text to text, e.g. labels. */
  java.util.Map<String, String> textMap(String key) {
    java.util.Map<String, String> texts = new java.util.LinkedHashMap<>();
    for (String k : node(key).keys()) {
      Object value = ((Map<?, ?>) map.get(key)).get(k);
      if (!(value instanceof String text) || text.isBlank()) {
        throw error(where(key) + "." + k, "must be non-blank text, but was " + value);
      }
      texts.put(k, text);
    }
    return texts;
  }

  Set<String> keys() {
    Set<String> keys = new java.util.LinkedHashSet<>();
    map.keySet().forEach(k -> keys.add(String.valueOf(k)));
    return keys;
  }

  String path() {
    return path;
  }

  PolicyFileException error(String at, String message) {
    return new PolicyFileException(origin, at + ": " + message);
  }

  private List<?> list(String key) {
    Object value = required(key);
    if (!(value instanceof List<?> list)) {
      throw error(where(key), "must be a list");
    }
    return list;
  }

  private Object required(String key) {
    Object value = map.get(key);
    if (value == null) {
      throw error(where(key), "is required");
    }
    return value;
  }

  private String where(String key) {
    return path.isEmpty() ? key : path + "." + key;
  }
}
