package io.backstop.localkafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BrokerLockTest {

  @TempDir Path root;

  @Test
  void aPidFileOfAProcessThatIsGoneIsStaleAndIgnored() throws Exception {
    StackHome home = new StackHome(root);
    Process gone = new ProcessBuilder("true").start();
    gone.waitFor();
    Files.createDirectories(home.kafka());
    Files.writeString(BrokerLock.file(home), gone.pid() + "\n127.0.0.1:9092\n");

    assertThat(BrokerLock.running(home)).isEmpty();
  }

  @Test
  void aPidFileOfARunningProgramThatIsNotAJvmIsNotABroker() throws Exception {
    StackHome home = new StackHome(root);
    Process sleeper = new ProcessBuilder("sleep", "30").start();
    try {
      Files.createDirectories(home.kafka());
      Files.writeString(BrokerLock.file(home), sleeper.pid() + "\n127.0.0.1:9092\n");

      assertThat(BrokerLock.running(home)).isEmpty();
    } finally {
      sleeper.destroy();
    }
  }

  @Test
  void aSecondBrokerForTheSameDataDirectoryIsRefusedByName() throws Exception {
    StackHome home = new StackHome(root);
    Process otherJvm =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                "io.backstop.localkafka.BrokerLockTest$Sleep")
            .start();
    try {
      Files.createDirectories(home.kafka());
      Files.writeString(BrokerLock.file(home), otherJvm.pid() + "\n127.0.0.1:9092\n");

      assertThatThrownBy(() -> BrokerLock.acquire(home, "127.0.0.1:9093"))
          .isInstanceOf(BrokerStartException.class)
          .hasMessageContaining("already running (pid " + otherJvm.pid())
          .hasMessageContaining("backstop down");
    } finally {
      otherJvm.destroy();
    }
  }

  /** A JVM that just waits, standing for another running stack. */
  public static final class Sleep {
    public static void main(String[] args) throws InterruptedException {
      Thread.sleep(30_000);
    }
  }
}
