package io.backstop.executor.plan;

/**
 * The only hands: the three narrow writes and a server-side dry run, each applying exactly one
 * {@link PlannedWrite}. A write the API server rejects throws {@link WriteRejectedException}.
 */
public interface Actuator {

  /**
   * Has the API server check the write without persisting it ({@code dryRun=All}: validated and
   * admitted, admission policies included). Not to be confused with the executor's dry-run mode
   * ({@code backstop.executor.dry-run}), in which nothing is sent at all.
   */
  void admissionCheck(PlannedWrite write);

  void rollback(PlannedWrite write);

  void restart(PlannedWrite write);

  void scale(PlannedWrite write);

  /** Applies the write through the one method that matches its type. */
  static void apply(Actuator actuator, PlannedWrite write) {
    switch (write.type()) {
      case ROLLBACK -> actuator.rollback(write);
      case RESTART -> actuator.restart(write);
      case SCALE -> actuator.scale(write);
      default -> throw new IllegalArgumentException("not a write: " + write.type());
    }
  }
}
