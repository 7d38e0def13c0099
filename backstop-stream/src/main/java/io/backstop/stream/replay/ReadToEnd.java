package io.backstop.stream.replay;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/**
 * The one way Backstop reads a compacted topic back to rebuild state: with an assigned consumer and
 * no group (it commits nothing and disturbs no one), from the beginning of each partition to the
 * end offsets seen when the read starts, every Kafka call bounded by one timeout. A topic that is
 * missing, or not read to its end in time, is the caller's named error, never an empty or partial
 * history.
 */
public final class ReadToEnd {

  /**
   * Short polls: a partition of a transactional topic usually ends with a commit marker, which a
   * poll consumes without returning a record, so a long poll waits its whole time once the data is
   * read (200 ms here cost every audit read that much, issue 14).
   */
  private static final Duration POLL = Duration.ofMillis(10);

  private ReadToEnd() {}

  /**
   * How long a topic that is not (yet) in the metadata is asked for again: a topic the service
   * itself created a moment ago (a first start on a fresh broker) reaches a new client's metadata a
   * little later.
   */
  private static final Duration NEW_TOPIC_GRACE = Duration.ofSeconds(2);

  /** The partitions of {@code topic} in partition order; a missing topic is a failure. */
  public static List<TopicPartition> partitions(
      KafkaConsumer<?, ?> consumer,
      String topic,
      Duration timeout,
      Function<String, ? extends RuntimeException> failure) {
    Instant giveUp =
        Instant.now().plus(timeout.compareTo(NEW_TOPIC_GRACE) < 0 ? timeout : NEW_TOPIC_GRACE);
    var found = consumer.partitionsFor(topic, timeout);
    while ((found == null || found.isEmpty()) && Instant.now().isBefore(giveUp)) {
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw failure.apply("interrupted while asking for topic " + topic);
      }
      found = consumer.partitionsFor(topic, timeout);
    }
    if (found == null || found.isEmpty()) {
      throw failure.apply("topic " + topic + " does not exist");
    }
    return found.stream()
        .map(p -> new TopicPartition(p.topic(), p.partition()))
        .sorted(Comparator.comparingInt(TopicPartition::partition))
        .toList();
  }

  /**
   * Hands every record of {@code partitions}, from the beginning to the end offsets as of now, to
   * {@code sink} in partition order per partition; throws {@code failure} of the reason when the
   * end is not reached within {@code timeout} (measured from the call).
   */
  public static <K, V> void read(
      KafkaConsumer<K, V> consumer,
      List<TopicPartition> partitions,
      Duration timeout,
      Consumer<ConsumerRecord<K, V>> sink,
      Function<String, ? extends RuntimeException> failure) {
    Instant deadline = Instant.now().plus(timeout);
    consumer.assign(partitions);
    consumer.seekToBeginning(partitions);
    Map<TopicPartition, Long> end = consumer.endOffsets(partitions, timeout);
    while (!reachedEnd(consumer, end, timeout)) {
      if (Instant.now().isAfter(deadline)) {
        throw failure.apply(
            "did not reach the end of " + topics(partitions) + " within " + timeout);
      }
      consumer.poll(POLL).forEach(sink);
    }
  }

  private static boolean reachedEnd(
      KafkaConsumer<?, ?> consumer, Map<TopicPartition, Long> end, Duration timeout) {
    return end.entrySet().stream()
        .allMatch(e -> consumer.position(e.getKey(), timeout) >= e.getValue());
  }

  private static String topics(List<TopicPartition> partitions) {
    return String.join(", ", partitions.stream().map(TopicPartition::topic).distinct().toList());
  }
}
