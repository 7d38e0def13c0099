package io.backstop.events;

import static org.assertj.core.api.Assertions.assertThat;

import io.backstop.events.codec.EventCodec;
import io.backstop.events.fixtures.Alerts;
import io.backstop.events.fixtures.Decisions;
import io.backstop.events.fixtures.Diagnoses;
import io.backstop.events.fixtures.Signals;
import io.backstop.events.fixtures.Surroundings;
import io.backstop.events.signal.ConfigChange;
import io.backstop.events.signal.ConfigRef;
import io.backstop.events.signal.Revision;
import io.backstop.events.signal.RevisionHealth;
import io.backstop.events.signal.RolloutHistory;
import io.backstop.events.signal.ShaOrigin;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The contract as files: each event type has a golden JSON document. A change to the contract shows
 * up as a diff of these files. Regenerate deliberately with {@code -Dgolden.update=true}.
 */
class GoldenFileTest {

  private static final Path GOLDEN = Path.of("src/test/resources/golden");

  static Stream<Arguments> events() {
    return Stream.of(
        Arguments.of(Alerts.checkoutErrorRate()),
        Arguments.of(Signals.badDeploy()),
        Arguments.of(Diagnoses.hallucinatedRollbackAll()),
        Arguments.of(Decisions.hallucinationRejected()),
        Arguments.of(Decisions.rollbackApproved()),
        Arguments.of(Decisions.rollbackVerified()),
        Arguments.of(Decisions.actionBlocked()),
        Arguments.of(Decisions.paged()),
        Arguments.of(Decisions.breakerReset()),
        Arguments.of(Decisions.approvalRequested()),
        Arguments.of(Decisions.approvedByAlice()),
        Arguments.of(Decisions.unknownApprovalRefused()));
  }

  /** The events of the first contract, each with a golden document under {@code v1}. */
  static Stream<Arguments> firstContractEvents() {
    return events().filter(a -> !LATER.contains(eventType(a)));
  }

  /** Event types added after the first contract. */
  private static final Set<String> LATER =
      Set.of("ApprovalRequested", "HumanDecision", "RequestRefused");

  private static String eventType(Arguments arguments) {
    return ((IncidentEvent) arguments.get()[0]).eventType();
  }

  @Test
  void everyEventTypeOfTheFirstContractStillHasItsDocument() {
    assertThat(firstContractEvents())
        .allSatisfy(a -> assertThat(GOLDEN.resolve("v1").resolve(eventType(a) + ".json")).exists());
  }

  /** A human-approved write names its approvers, in a golden file of its own. */
  @Test
  void encodesAHumanApprovedActionExactlyAsItsGoldenFile() throws IOException {
    ActionApproved approved = Decisions.humanApproved();
    Path file = GOLDEN.resolve("ActionApproved-human.json");
    String json = EventCodec.encodePretty(approved) + "\n";
    if (Boolean.getBoolean("golden.update")) {
      Files.writeString(file, json, StandardCharsets.UTF_8);
    }
    assertThat(json).isEqualTo(Files.readString(file, StandardCharsets.UTF_8));
    assertThat(EventCodec.verifyChain(Files.readAllBytes(file))).isEqualTo(approved);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("events")
  void encodesEachEventExactlyAsItsGoldenFile(IncidentEvent event) throws IOException {
    Path file = GOLDEN.resolve(event.eventType() + ".json");
    String json = EventCodec.encodePretty(event) + "\n";
    if (Boolean.getBoolean("golden.update")) {
      Files.writeString(file, json, StandardCharsets.UTF_8);
    }
    assertThat(file).exists();
    assertThat(json).isEqualTo(Files.readString(file, StandardCharsets.UTF_8));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("events")
  void decodesEachGoldenFileBackToTheSameEvent(IncidentEvent event) throws IOException {
    byte[] golden = Files.readAllBytes(GOLDEN.resolve(event.eventType() + ".json"));

    IncidentEvent decoded = EventCodec.decode(golden);

    assertThat(decoded).isEqualTo(event);
    assertThat(EventCodec.intact(decoded)).isTrue();
  }

  /** The findings beyond the alerted workload, in a golden file of their own. */
  @Test
  void encodesSignalsWithFindingsExactlyAsTheirGoldenFile() throws IOException {
    SignalsGathered signals = Surroundings.victimOfLeak();
    Path file = GOLDEN.resolve("SignalsGathered-findings.json");
    String json = EventCodec.encodePretty(signals) + "\n";
    if (Boolean.getBoolean("golden.update")) {
      Files.writeString(file, json, StandardCharsets.UTF_8);
    }
    assertThat(json).isEqualTo(Files.readString(file, StandardCharsets.UTF_8));
    assertThat(EventCodec.verify(Files.readAllBytes(file))).isEqualTo(signals);
  }

  /**
   * Revisions written before triage checked their referenced Secrets and ConfigMaps (the frozen
   * {@code v2} document) read as none missing and none unverified; the current document names the
   * ConfigMap frontend's revision 6 references that is gone and the Secret it could not check.
   */
  @Test
  void revisionsWrittenBeforeConfigChecksReadAsNoneMissing() throws IOException {
    SignalsGathered before =
        (SignalsGathered)
            EventCodec.verifyChain(
                Files.readAllBytes(GOLDEN.resolve("v2").resolve("SignalsGathered-findings.json")));
    SignalsGathered now =
        (SignalsGathered)
            EventCodec.verifyChain(
                Files.readAllBytes(GOLDEN.resolve("SignalsGathered-findings.json")));

    assertThat(before.rollouts())
        .flatMap(RolloutHistory::revisions)
        .isNotEmpty()
        .allSatisfy(r -> assertThat(r.configPresent()).isTrue());
    Revision six =
        now.rollouts().stream()
            .filter(h -> h.deployment().equals(Surroundings.FRONTEND))
            .findFirst()
            .flatMap(h -> h.revision(6))
            .orElseThrow();
    assertThat(six.missingConfig()).containsExactly(ConfigRef.configMap("frontend-flags-2026-11"));
    assertThat(six.unverifiedConfig()).containsExactly(ConfigRef.secret("frontend-session-key"));
    assertThat(six.configPresent()).isFalse();
    assertThat(now.rollouts().get(0).revision(7).orElseThrow().configPresent()).isTrue();
  }

  /**
   * Findings written before triage read HorizontalPodAutoscalers (the frozen {@code v2} document)
   * read them as none; the current document carries frontend's HPA at its maximum.
   */
  @Test
  void findingsWrittenBeforeAutoscalersReadThemAsNone() throws IOException {
    SignalsGathered before =
        (SignalsGathered)
            EventCodec.verifyChain(
                Files.readAllBytes(GOLDEN.resolve("v2").resolve("SignalsGathered-findings.json")));
    SignalsGathered now =
        (SignalsGathered)
            EventCodec.verifyChain(
                Files.readAllBytes(GOLDEN.resolve("SignalsGathered-findings.json")));

    assertThat(before.findings().autoscalers()).isEmpty();
    assertThat(before.findings().networkPolicies()).isEmpty();
    assertThat(now.findings().networkPoliciesOf(Surroundings.CART))
        .singleElement()
        .satisfies(
            n -> {
              assertThat(n.blocksDns()).isTrue();
              assertThat(n.subject()).isEqualTo("networkpolicy/cart-egress");
            });
    assertThat(before.findings().replicaChanges()).isNotEmpty();
    assertThat(now.findings().autoscalersOf(Surroundings.FRONTEND))
        .singleElement()
        .satisfies(
            a -> {
              assertThat(a.atMax()).isTrue();
              assertThat(a.maxReplicas()).isEqualTo(4);
              assertThat(a.subject()).isEqualTo("horizontalpodautoscaler/frontend");
            });
  }

  /**
   * A config change written before triage recorded how the pods reference the object reads as "not
   * known" (neither held until restart nor seen live); the current document says env.
   */
  @Test
  void configChangesWrittenBeforeReferenceModesReadAsUnknown() throws IOException {
    SignalsGathered before =
        (SignalsGathered)
            EventCodec.verifyChain(
                Files.readAllBytes(GOLDEN.resolve("v2").resolve("SignalsGathered-findings.json")));
    SignalsGathered now =
        (SignalsGathered)
            EventCodec.verifyChain(
                Files.readAllBytes(GOLDEN.resolve("SignalsGathered-findings.json")));

    assertThat(before.findings().configChanges())
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.referencedAs()).isEmpty();
              assertThat(c.changedBy()).isEmpty();
              assertThat(c.heldUntilRestart()).isFalse();
              assertThat(c.seenLive()).isFalse();
            });
    assertThat(now.findings().configChanges())
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.referencedAs()).containsExactly(ConfigChange.Reference.ENV);
              assertThat(c.changedBy()).isEqualTo("kubectl-edit");
              assertThat(c.heldUntilRestart()).isTrue();
            });
  }

  /**
   * Documents of the first contract (before findings, gathering, SHA origin, template hashes and
   * the document-based hash) still decode: absent new fields read as "nothing found", and a SHA of
   * the first contract counts as the revision's own, as that contract meant.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("firstContractEvents")
  void decodesEachFirstContractDocument(IncidentEvent event) throws IOException {
    byte[] v1 = Files.readAllBytes(GOLDEN.resolve("v1").resolve(event.eventType() + ".json"));

    IncidentEvent decoded = EventCodec.decode(v1);

    assertThat(decoded.eventType()).isEqualTo(event.eventType());
    assertThat(decoded.eventId()).isEqualTo(event.eventId());
    if (decoded instanceof SignalsGathered signals) {
      assertThat(signals.findings()).isEqualTo(io.backstop.events.signal.Findings.NONE);
      assertThat(signals.gathering()).isNull();
      assertThat(signals.rollouts().get(0).revisions())
          .allSatisfy(r -> assertThat(r.shaOrigin()).isEqualTo(ShaOrigin.OWN))
          .anySatisfy(r -> assertThat(r.health()).isEqualTo(RevisionHealth.UNHEALTHY));
    }
  }

  /**
   * A rolling upgrade: a consumer checks each current-contract document, and every event embedded
   * in it, over the bytes as written, never by re-encoding them.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("events")
  void verifiesEachGoldenDocumentsChainOverItsBytes(IncidentEvent event) throws IOException {
    byte[] golden = Files.readAllBytes(GOLDEN.resolve(event.eventType() + ".json"));

    assertThat(EventCodec.verifyChain(golden)).isEqualTo(event);
  }

  @Test
  void everyEventTypeOfTheSealedInterfaceHasAGoldenFile() {
    Set<String> covered =
        events().map(a -> ((IncidentEvent) a.get()[0]).eventType()).collect(Collectors.toSet());
    Set<String> declared =
        Stream.of(IncidentEvent.class.getPermittedSubclasses())
            .map(Class::getSimpleName)
            .collect(Collectors.toSet());

    assertThat(covered).isEqualTo(declared);
  }
}
