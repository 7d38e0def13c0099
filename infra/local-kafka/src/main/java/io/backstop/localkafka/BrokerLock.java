package io.backstop.localkafka;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

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
   * Stops the process holding the broker and everything it started: SIGTERM to it (its shutdown
   * hook stops the stack cleanly, child processes included), then, as a process group would, any of
   * its descendants still alive once it is gone, or once the timeout is over (SIGTERM, then SIGKILL
   * after a grace period). Its descendants are collected all along while it stops, since a child
   * outlives its parent only as an orphan no longer listed under it. A process is only ever
   * signalled as the very process (pid and start time) that was seen under the stack. Returns
   * whether the stack's process and all of its descendants are gone.
   */
  public boolean stop(Duration timeout) {
    Optional<ProcessHandle> process = ProcessHandle.of(pid).filter(BrokerLock::isJava);
    if (process.isEmpty()) {
      return true;
    }
    ProcessHandle root = process.get();
    Set<ProcessHandle> tree = new LinkedHashSet<>(root.descendants().toList());
    root.destroy();
    long deadline = System.nanoTime() + timeout.toNanos();
    while (root.isAlive() && System.nanoTime() < deadline) {
      root.descendants().forEach(tree::add);
      pause(Duration.ofMillis(100));
    }
    boolean rootGone = !root.isAlive();
    if (!rootGone) {
      tree.add(root);
    }
    return terminate(tree, GRACE) && (rootGone || !root.isAlive());
  }

  private static final Duration GRACE = Duration.ofSeconds(10);

  /** SIGTERM to every process still alive, SIGKILL to any still there after the grace period. */
  static boolean terminate(Set<ProcessHandle> processes, Duration grace) {
    List<ProcessHandle> alive = processes.stream().filter(ProcessHandle::isAlive).toList();
    alive.forEach(ProcessHandle::destroy);
    long deadline = System.nanoTime() + grace.toNanos();
    while (alive.stream().anyMatch(ProcessHandle::isAlive) && System.nanoTime() < deadline) {
      pause(Duration.ofMillis(100));
    }
    alive.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    long killDeadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (alive.stream().anyMatch(ProcessHandle::isAlive) && System.nanoTime() < killDeadline) {
      pause(Duration.ofMillis(50));
    }
    return alive.stream().noneMatch(ProcessHandle::isAlive);
  }

  private static void pause(Duration pause) {
    try {
      Thread.sleep(pause.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
