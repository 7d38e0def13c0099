package io.backstop.events.signal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.backstop.events.Require;
import io.backstop.events.codec.EventCodec;
import io.backstop.events.fixtures.Fixtures;
import io.backstop.events.fixtures.Revisions;
import java.lang.reflect.RecordComponent;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Revision has one constructor, the canonical one, and one way to copy, {@link
 * Revision#toBuilder()}: these tests reflect over the record's components, so a component added
 * later is covered without touching them.
 */
class RevisionTest {

  static final Revision FULL = Revisions.everyComponentSet();

  @Test
  void theFixtureSetsEveryComponentAwayFromItsDefault() {
    assertThat(Revisions.differingComponents(FULL, Revisions.minimal()))
        .as("set every component in Revisions.everyComponentSet()")
        .containsExactlyElementsOf(Revisions.componentNames());
  }

  @Test
  void theCanonicalConstructorIsTheOnlyOne() {
    assertThat(Revision.class.getDeclaredConstructors())
        .singleElement()
        .satisfies(
            c ->
                assertThat(c.getParameterTypes())
                    .containsExactly(
                        java.util.Arrays.stream(Revision.class.getRecordComponents())
                            .map(RecordComponent::getType)
                            .toArray(Class<?>[]::new)));
  }

  @Test
  void theBuilderSetsEveryComponent() throws Exception {
    for (RecordComponent c : Revision.class.getRecordComponents()) {
      assertThat(Revision.Builder.class.getMethod(c.getName(), c.getType()).getReturnType())
          .as("Revision.Builder." + c.getName() + "(" + c.getType().getSimpleName() + ")")
          .isEqualTo(Revision.Builder.class);
    }
  }

  @Test
  void aCopyThroughTheBuilderKeepsEveryComponent() {
    Revision copy = FULL.toBuilder().build();

    assertThat(Revisions.differingComponents(FULL, copy)).isEmpty();
    assertThat(copy).isEqualTo(FULL);
  }

  @Test
  void eachWitherChangesOnlyWhatItNames() {
    assertThat(
            Revisions.differingComponents(
                FULL, FULL.withHealth(RevisionHealth.HEALTHY, "pods ready for 30m")))
        .containsExactly("health", "healthReason");
    assertThat(Revisions.differingComponents(FULL, FULL.withConfig(List.of(), List.of())))
        .containsExactly("missingConfig", "unverifiedConfig");
    assertThat(Revisions.differingComponents(FULL, FULL.withSchemaMigration(null)))
        .containsExactly("schemaMigration");
  }

  @Test
  void theJsonFormKeepsEveryComponent() {
    Revision read =
        EventCodec.mapper().readValue(EventCodec.mapper().writeValueAsString(FULL), Revision.class);

    assertThat(Revisions.differingComponents(FULL, read)).isEmpty();
  }

  @Test
  void theBuilderDefaultsAsTheRecordDoes() {
    Revision minimal = Revisions.minimal();

    assertThat(minimal.health()).isEqualTo(RevisionHealth.UNKNOWN);
    assertThat(minimal.shaOrigin()).isEqualTo(ShaOrigin.NONE);
    assertThat(minimal.healthReason()).isEmpty();
    assertThat(minimal.configPresent()).isTrue();
    assertThat(minimal.runsSchemaMigration()).isFalse();
    assertThat(minimal.toBuilder().gitSha("9c41d0e5b7a3").build().shaOrigin())
        .as("a SHA without an origin is the revision's own")
        .isEqualTo(ShaOrigin.OWN);
    assertThatThrownBy(() -> Revision.builder().image("img").deployedAt(Fixtures.NOW).build())
        .isInstanceOf(Require.InvalidFieldException.class)
        .hasMessageContaining("revision");
  }
}
