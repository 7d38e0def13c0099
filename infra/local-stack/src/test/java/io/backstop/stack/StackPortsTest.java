package io.backstop.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every port of a stack comes from its base, so stacks on bases apart never share one. */
class StackPortsTest {

  @Test
  void everyPartHasItsOwnPort() {
    var ports = new StackPorts(StackPorts.DEFAULT_BASE).all();

    assertThat(new HashSet<>(ports.values())).hasSameSizeAs(ports.values());
    assertThat(ports).containsEntry("kafka", 17092).containsEntry("executor-service", 17084);
  }

  @Test
  void stacksWhoseBasesAreFiveHundredApartShareNoPort() {
    List<Integer> up = List.copyOf(new StackPorts(17000).all().values());
    List<Integer> demo = List.copyOf(new StackPorts(17500).all().values());

    assertThat(up).allMatch(p -> p >= 17000 && p < 17500);
    assertThat(up).doesNotContainAnyElementsOf(demo);
  }

  @Test
  void aBaseOutsideTheUsableRangeIsANamedError() {
    assertThatThrownBy(() -> new StackPorts(80))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("the port base must be between 1024 and 65000, but was 80");
    assertThatThrownBy(() -> new StackPorts(65001)).hasMessageContaining("but was 65001");
  }
}
