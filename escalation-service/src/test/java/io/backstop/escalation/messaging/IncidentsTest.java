package io.backstop.escalation.messaging;

import static org.assertj.core.api.Assertions.assertThatCode;

import io.backstop.events.IncidentEvent;
import io.backstop.events.codec.EventCodec;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The moved fixture incidents that tests hand to function beans pass the check every function bean
 * makes on what it reads ({@code blocked} is only recorded on the audit log, never read strictly).
 */
class IncidentsTest {

  static Stream<Function<String, List<IncidentEvent>>> chains() {
    return Stream.of(
        Incidents::verified,
        Incidents::awaitingApproval,
        Incidents::approvalDenied,
        Incidents::approvalExpired,
        Incidents::approvedByAlice,
        Incidents::verifiedAfterADeniedApproval);
  }

  @ParameterizedTest
  @MethodSource("chains")
  void everyMovedEventVerifiesWithWhatItEmbeds(Function<String, List<IncidentEvent>> chain) {
    for (IncidentEvent e : chain.apply("inc-moved")) {
      assertThatCode(() -> EventCodec.verifyChain(EventCodec.encode(e)))
          .as(e.eventType())
          .doesNotThrowAnyException();
    }
  }
}
