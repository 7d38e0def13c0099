package io.backstop.executor.check;

import static org.assertj.core.api.Assertions.assertThat;

import io.backstop.events.MetadataKeys;
import io.backstop.events.action.ApprovedAction;
import io.backstop.events.action.Preconditions;
import io.backstop.events.fixtures.Signals;
import io.backstop.executor.fixtures.Approvals;
import io.backstop.executor.fixtures.LiveStates;
import io.backstop.executor.live.LiveDeployment;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PreconditionCheckTest {

  static final ApprovedAction ROLLBACK =
      ApprovedAction.rollback(Signals.CHECKOUT, 2, Signals.SHA_REV2);
  static final Preconditions SEEN = new Preconditions(3, Signals.SHA_REV3, Approvals.IMAGE_REV3, 3);
  static final List<String> ALLOWED = List.of("shop");

  @Test
  void passesWhenTheLiveStateIsExactlyWhatWasApproved() {
    assertThat(problems(LiveStates.checkoutAtRevision3(), SEEN, ALLOWED)).isEmpty();
  }

  @Test
  void refusesAProtectedDeployment() {
    var live =
        LiveStates.withLabels(
            LiveStates.checkoutAtRevision3(), Map.of(MetadataKeys.PROTECTED, "true"));
    assertThat(problems(live, SEEN, ALLOWED)).anyMatch(p -> p.contains("protected"));
  }

  @Test
  void refusesANamespaceOutsideTheExecutorsOwnList() {
    assertThat(problems(LiveStates.checkoutAtRevision3(), SEEN, List.of("payments")))
        .anyMatch(p -> p.contains("not in the executor's allowed namespaces"));
  }

  @Test
  void refusesWhenTheRevisionShaImageOrReplicasMoved() {
    var moved = new Preconditions(2, Signals.SHA_REV2, Approvals.IMAGE_REV2, 4);

    assertThat(problems(LiveStates.checkoutAtRevision3(), moved, ALLOWED))
        .anySatisfy(p -> assertThat(p).contains("current revision is 3"))
        .anySatisfy(p -> assertThat(p).contains("current SHA"))
        .anySatisfy(p -> assertThat(p).contains("current image"))
        .anySatisfy(p -> assertThat(p).contains("desired replicas are 3"));
  }

  @Test
  void refusesARollbackToARevisionNoReplicaSetHolds() {
    assertThat(
            PreconditionCheck.problems(
                ROLLBACK, SEEN, LiveStates.checkoutAtRevision3(), Optional.empty(), ALLOWED))
        .anyMatch(p -> p.contains("no ReplicaSet"));
  }

  @Test
  void refusesARollbackWhoseReplicaSetRunsAnotherSha() {
    var wrong = ApprovedAction.rollback(Signals.CHECKOUT, 2, "e4f5a6b7c8d9");
    assertThat(
            PreconditionCheck.problems(
                wrong,
                SEEN,
                LiveStates.checkoutAtRevision3(),
                Optional.of(LiveStates.revision2()),
                ALLOWED))
        .anyMatch(p -> p.contains("the approval names e4f5a6b7c8d9"));
  }

  @ParameterizedTest(name = "SHA {0}, template hash {1}: refused = {2}")
  @CsvSource(
      nullValues = "-",
      value = {
        "-, 5c9d, false",
        "7f3e2d1c0b9a, 5c9d, false",
        "-, 6e1f, true",
        "7f3e2d1c0b9a, 6e1f, true",
        "e4f5a6b7c8d9, 5c9d, true",
      })
  void findsARollbackTargetNamedByTemplateHashOnlyWhenItsReplicaSetCarriesIt(
      String sha, String hash, boolean refused) {
    var action = ApprovedAction.rollbackToTemplate(Signals.CHECKOUT, 2, sha, hash);

    List<String> problems =
        PreconditionCheck.problems(
            action,
            SEEN,
            LiveStates.checkoutAtRevision3(),
            Optional.of(LiveStates.revision2()),
            ALLOWED);

    assertThat(problems.isEmpty()).as(problems.toString()).isEqualTo(!refused);
  }

  private static List<String> problems(
      LiveDeployment live, Preconditions seen, List<String> allowed) {
    return PreconditionCheck.problems(
        ROLLBACK, seen, live, Optional.of(LiveStates.revision2()), allowed);
  }
}
