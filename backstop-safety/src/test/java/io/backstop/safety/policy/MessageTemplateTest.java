package io.backstop.safety.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.backstop.events.fixtures.Diagnoses;
import io.backstop.safety.facts.FactSheet;
import io.backstop.safety.facts.Facts;
import io.backstop.safety.facts.ProposedWrite;
import io.backstop.safety.facts.Subject;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MessageTemplateTest {

  private static final Facts HONEST = honestFacts();

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "no placeholder at all | no placeholder at all",
        "type was {action.type} on {target.name} | type was ROLLBACK on checkout",
        "{action.type}{target.name} | ROLLBACKcheckout",
        "{target.name} | checkout",
        "unknown {no.such.fact} stays as written | unknown {no.such.fact} stays as written",
        "not a placeholder: {1} {} {a b} { | not a placeholder: {1} {} {a b} {",
        "{action.type} then {{target.name}} | ROLLBACK then {checkout}",
      })
  void rendersEachFactNamedAndLeavesEverythingElseAsWritten(String message, String rendered) {
    assertThat(MessageTemplate.parse(message).render(HONEST)).isEqualTo(rendered);
  }

  private static Facts honestFacts() {
    var diagnosis = Diagnoses.honestRollback();
    return FactSheet.compute(
        new Subject(diagnosis, diagnosis.signals(), ProposedWrite.recommended(diagnosis), 0),
        PolicyBook.loadDefault().settings());
  }
}
