package io.backstop.executor.live;

/** One pod of the Deployment's current ReplicaSet: readiness, restarts and why it waits. */
public record PodState(String name, boolean ready, int restarts, String waitingReason) {

  public static final String CRASH_LOOP = "CrashLoopBackOff";

  public PodState {
    waitingReason = waitingReason == null ? "" : waitingReason;
  }

  public boolean crashLooping() {
    return CRASH_LOOP.equals(waitingReason);
  }
}
