package io.backstop.sandbox.spec;

/**
 * Kubernetes quantities for the sandbox: parsed as the scenario format reads them ({@code 250m},
 * {@code 512Mi}), and written the way kubectl and metrics-server print them.
 */
public final class Quantities {

  private Quantities() {}

  /** Bytes in a memory quantity such as {@code 512Mi}. */
  public static long bytes(String quantity) {
    return io.backstop.scenario.Quantities.bytes(quantity);
  }

  /** Millicores in a CPU quantity such as {@code 250m} or {@code 1.5}. */
  public static long cpuMillis(String quantity) {
    return io.backstop.scenario.Quantities.cpuMillis(quantity);
  }

  /** A memory amount as kubectl prints it ({@code 123Ki}). */
  public static String kibibytes(long bytes) {
    return Math.max(0, bytes / 1024) + "Ki";
  }

  /** A CPU amount in nanocores, as metrics-server reports it ({@code 250000000n}). */
  public static String nanocores(double cores) {
    return Math.max(0, Math.round(cores * 1_000_000_000d)) + "n";
  }
}
