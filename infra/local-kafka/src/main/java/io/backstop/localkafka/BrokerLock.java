package io.backstop.localkafka;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The pid file of a running local broker, {@code <home>/kafka/broker.pid}: the pid of the process
 * that runs it and its bootstrap address. It lets {@code backstop down} find and stop the stack,
 * and a second {@code backstop up} refuse to start on the same data directory. A pid file whose
 * process is gone is stale and is replaced.
 */
public record BrokerLock(long pid, String bootstrapServers) {

  static Path file(StackHome home) {
    return home.kafka().resolve("broker.pid");
  }

  /** The lock of a broker that is running now, if any; a stale pid file is ignored. */
  public static Optional<BrokerLock> running(StackHome home) {
    Path file = file(home);
    try {
      if (!Files.exists(file)) {
        return Optional.empty();
      }
      List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
      BrokerLock lock = new BrokerLock(Long.parseLong(lines.get(0).trim()), lines.get(1).trim());
      return lock.alive() ? Optional.of(lock) : Optional.empty();
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  static BrokerLock acquire(StackHome home, String bootstrapServers) {
    Optional<BrokerLock> other = running(home);
    if (other.isPresent() && other.get().pid() != ProcessHandle.current().pid()) {
      throw new BrokerStartException(
          "a broker for "
              + home.root()
              + " is already running (pid "
              + other.get().pid()
              + ", "
              + other.get().bootstrapServers()
              + "); stop it with `backstop down`");
    }
    BrokerLock lock = new BrokerLock(ProcessHandle.current().pid(), bootstrapServers);
    try {
      Files.createDirectories(home.kafka());
      Files.writeString(file(home), lock.pid() + "\n" + bootstrapServers + "\n");
    } catch (IOException e) {
      throw new BrokerStartException("cannot write " + file(home), e);
    }
    return lock;
  }

  static void release(StackHome home) {
    try {
      Files.deleteIfExists(file(home));
    } catch (IOException e) {
      // Nothing to do: a stale pid file is detected and replaced by the next start.
    }
  }

  /**
   * Whether the process is still there and still a JVM: after a crash the pid may have been reused
   * by an unrelated program, which {@code backstop down} must never signal.
   */
  boolean alive() {
    return ProcessHandle.of(pid)
        .filter(ProcessHandle::isAlive)
        .filter(BrokerLock::isJava)
        .isPresent();
  }

  private static boolean isJava(ProcessHandle process) {
    return process.info().command().map(command -> command.contains("java")).orElse(true);
  }

  /**
   * Asks the process holding the broker to stop (SIGTERM: its shutdown hook stops the broker
   * cleanly) and waits until it is gone. Returns whether it exited within the timeout.
   */
  public boolean stop(Duration timeout) {
    Optional<ProcessHandle> process = ProcessHandle.of(pid).filter(BrokerLock::isJava);
    if (process.isEmpty()) {
      return true;
    }
    process.get().destroy();
    try {
      process.get().onExit().get(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
      return false;
    }
  }
}
