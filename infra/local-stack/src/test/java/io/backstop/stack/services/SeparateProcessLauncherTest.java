package io.backstop.stack.services;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The service JVMs' options: the defaults, or the property that replaces them to compare. */
class SeparateProcessLauncherTest {

  @AfterEach
  void clear() {
    System.clearProperty(SeparateProcessLauncher.JVM_OPTIONS_PROPERTY);
  }

  @Test
  void withoutThePropertyTheDefaultsCapTheHeap() {
    assertThat(SeparateProcessLauncher.jvmOptions())
        .containsExactly(SeparateProcessLauncher.DEFAULT_JVM_OPTIONS.split(" "))
        .anyMatch(o -> o.startsWith("-Xmx"));
  }

  @Test
  void thePropertyReplacesTheDefaultsWordByWord() {
    System.setProperty(
        SeparateProcessLauncher.JVM_OPTIONS_PROPERTY, "  -Xmx256m   -XX:+UseParallelGC ");
    assertThat(SeparateProcessLauncher.jvmOptions())
        .containsExactly("-Xmx256m", "-XX:+UseParallelGC");
  }

  @Test
  void anEmptyPropertyLeavesTheJvmAtItsOwnDefaults() {
    System.setProperty(SeparateProcessLauncher.JVM_OPTIONS_PROPERTY, " ");
    assertThat(SeparateProcessLauncher.jvmOptions()).isEmpty();
  }
}
