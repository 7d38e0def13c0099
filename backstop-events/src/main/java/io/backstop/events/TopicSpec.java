package io.backstop.events;

import java.util.Map;

/** How a topic must be created: partitions and topic-level configs. */
public record TopicSpec(String name, int partitions, Map<String, String> configs) {

  public static final int PARTITIONS = 3;

  public TopicSpec {
    Require.text(name, "name");
    configs = Require.map(configs);
  }

  static TopicSpec stage(String name) {
    return new TopicSpec(name, PARTITIONS, Map.of("cleanup.policy", "delete"));
  }

  static TopicSpec deadLetter(String name) {
    // Dead letters wait for a human: kept until someone deals with them.
    return new TopicSpec(name, 1, Map.of("cleanup.policy", "delete", "retention.ms", "-1"));
  }

  static TopicSpec compactedForever(String name) {
    return new TopicSpec(
        name,
        PARTITIONS,
        Map.of("cleanup.policy", "compact", "retention.ms", "-1", "min.compaction.lag.ms", "0"));
  }
}
