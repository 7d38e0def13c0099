package io.backstop.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.backstop.events.codec.EventCodec;
import io.backstop.events.codec.EventIntegrityException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A rolling upgrade runs producers and consumers of two contract versions side by side, so every
 * consumer must check each record's seal over the bytes as written, whichever version wrote them.
 *
 * <ul>
 *   <li>A reader of the next contract reads this one: {@code golden/v2} holds this contract's
 *       documents exactly as its producers wrote them, frozen (never regenerated), so when the
 *       contract changes, the then-current reader is tested against them.
 *   <li>This reader reads the next contract: each document, written as a producer of the next
 *       contract would (new fields in the event and its header, in each embedded event too, every
 *       seal and link made over the new document), verifies and decodes to the same event.
 *   <li>Neither is leniency: an edit of any of them is refused.
 * </ul>
 *
 * The first contract ({@code golden/v1}) sealed the record's fields in declaration order, not the
 * document; its documents still decode, but their seals cannot be checked over the bytes, and a
 * consumer refuses them (fail closed): an upgrade from the first contract drains the topics first.
 */
class RollingUpgradeTest {

  private static final Path GOLDEN = Path.of("src/test/resources/golden");
  private static final Path FROZEN = GOLDEN.resolve("v2");

  static Stream<String> frozenDocuments() throws IOException {
    try (Stream<Path> files = Files.list(FROZEN)) {
      return files.map(f -> f.getFileName().toString()).sorted().toList().stream();
    }
  }

  static Stream<String> firstContractDocuments() throws IOException {
    try (Stream<Path> files = Files.list(GOLDEN.resolve("v1"))) {
      return files.map(f -> f.getFileName().toString()).sorted().toList().stream();
    }
  }

  /** The current contract's fixtures, by the name of their golden file. */
  private static final Map<String, IncidentEvent> CURRENT =
      GoldenFileTest.events()
          .map(a -> (IncidentEvent) a.get()[0])
          .collect(Collectors.toMap(e -> e.eventType() + ".json", Function.identity()));

  @ParameterizedTest(name = "{0}")
  @MethodSource("frozenDocuments")
  void aReaderOfTheNextContractVerifiesThisContractsDocumentsOverTheirBytes(String name)
      throws IOException {
    byte[] written = Files.readAllBytes(FROZEN.resolve(name));

    IncidentEvent read = EventCodec.verifyChain(written);

    assertThat(read.header().hash()).isEqualTo(EventCodec.hash(written));
    if (CURRENT.containsKey(name)) {
      assertThat(read.eventId()).isEqualTo(CURRENT.get(name).eventId());
      assertThat(read.eventType()).isEqualTo(CURRENT.get(name).eventType());
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("frozenDocuments")
  void thisReaderVerifiesAndDecodesTheNextContractsDocuments(String name) throws IOException {
    byte[] written = Files.readAllBytes(FROZEN.resolve(name));
    IncidentEvent asThisContract = EventCodec.decode(written);
    byte[] next = nextContract(written);

    IncidentEvent read = EventCodec.verifyChain(next);

    assertThat(new String(next, StandardCharsets.UTF_8)).contains("addedInNextContract");
    assertThat(read.eventId()).isEqualTo(asThisContract.eventId());
    assertThat(withoutSeals(read))
        .as("the same event, but for the seals made over the longer document")
        .isEqualTo(withoutSeals(asThisContract));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("frozenDocuments")
  void anEditOfEitherContractsDocumentIsRefused(String name) throws IOException {
    byte[] written = Files.readAllBytes(FROZEN.resolve(name));
    byte[] next = nextContract(written);
    EventCodec.verifyChain(written);
    EventCodec.verifyChain(next);

    for (byte[] document : List.of(written, next)) {
      String text = new String(document, StandardCharsets.UTF_8);
      String edited =
          text.replaceFirst("\"occurredAt\" ?: ?\"2026-11-2", "\"occurredAt\":\"2025-11-2");
      assertThat(edited).isNotEqualTo(text);
      assertThatThrownBy(() -> EventCodec.verifyChain(edited.getBytes(StandardCharsets.UTF_8)))
          .isInstanceOf(EventIntegrityException.class);
    }
  }

  /** An embedded event edited and resealed on its own still breaks the link to its follower. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("frozenDocumentsWithAnEmbeddedCause")
  void aResealedEmbeddedCauseNoLongerMatchesItsFollowersParentHash(String name) throws IOException {
    ObjectNode document = read(name);
    ObjectNode cause = embeddedCause(document).orElseThrow();
    ((ObjectNode) cause.path("header")).put("occurredAt", "2025-01-01T00:00:00Z");
    reseal(cause);
    reseal(document);

    assertThatThrownBy(
            () -> EventCodec.verifyChain(EventCodec.mapper().writeValueAsBytes(document)))
        .isInstanceOf(EventIntegrityException.class)
        .hasMessageContaining("parentHash");
  }

  static Stream<String> frozenDocumentsWithAnEmbeddedCause() throws IOException {
    return frozenDocuments().filter(name -> embeddedCause(read(name)).isPresent());
  }

  private static ObjectNode read(String name) {
    return (ObjectNode) EventCodec.mapper().readTree(FROZEN.resolve(name).toFile());
  }

  /** The embedded event the document reacts to (its causation), if it carries it. */
  private static java.util.Optional<ObjectNode> embeddedCause(ObjectNode document) {
    String causation = document.path("header").path("causationId").asString("");
    return document.properties().stream()
        .map(Map.Entry::getValue)
        .filter(RollingUpgradeTest::isEvent)
        .filter(v -> v.path("header").path("eventId").asString("").equals(causation))
        .map(ObjectNode.class::cast)
        .findFirst();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("firstContractDocuments")
  void aFirstContractSealIsRefusedNeverTrusted(String name) throws IOException {
    byte[] v1 = Files.readAllBytes(GOLDEN.resolve("v1").resolve(name));

    assertThat(EventCodec.decode(v1).header().hash()).isNotBlank();
    assertThatThrownBy(() -> EventCodec.verifyChain(v1))
        .isInstanceOf(EventIntegrityException.class);
  }

  /**
   * The document as a producer of the next contract writes it: a new field in the event and in its
   * header, in each embedded event too; each embedded event resealed, the link to an embedded cause
   * renewed, and the document sealed last.
   */
  static byte[] nextContract(byte[] document) {
    ObjectNode root = (ObjectNode) EventCodec.mapper().readTree(document);
    addFields(root);
    return EventCodec.mapper().writeValueAsBytes(root);
  }

  private static void addFields(ObjectNode event) {
    for (var field : List.copyOf(event.properties())) {
      JsonNode value = field.getValue();
      if (field.getKey().equals("header")) {
        continue;
      }
      if (isEvent(value)) {
        addFields((ObjectNode) value);
      }
    }
    ObjectNode header = (ObjectNode) event.path("header");
    header.put("addedInNextContract", "a header field this reader does not know");
    event.putObject("addedInNextContract").put("note", "an optional field").put("weight", 1.50);
    String causation = header.path("causationId").asString(null);
    for (var field : event.properties()) {
      JsonNode value = field.getValue();
      if (isEvent(value) && value.path("header").path("eventId").asString("").equals(causation)) {
        header.put("parentHash", value.path("header").path("hash").asString());
      }
    }
    reseal(event);
  }

  /** The event's JSON with every hash and parent hash left out, at every level. */
  private static JsonNode withoutSeals(IncidentEvent event) {
    JsonNode tree = EventCodec.mapper().readTree(EventCodec.encode(event));
    strip(tree);
    return tree;
  }

  private static void strip(JsonNode node) {
    if (node instanceof ObjectNode object) {
      object.remove(List.of("hash", "parentHash"));
      object.values().forEach(RollingUpgradeTest::strip);
    } else if (node.isArray()) {
      node.values().forEach(RollingUpgradeTest::strip);
    }
  }

  private static void reseal(ObjectNode event) {
    ((ObjectNode) event.path("header"))
        .put("hash", EventCodec.hash(EventCodec.mapper().writeValueAsBytes(event)));
  }

  private static boolean isEvent(JsonNode node) {
    return node.isObject()
        && node.path("type").isString()
        && node.path("header").isObject()
        && node.path("header").path("eventId").isString();
  }
}
