package io.backstop.scenario;

/** Container resource requests and limits, as Kubernetes quantities. */
public record Resources(Amounts requests, Amounts limits) {

  public static final Resources NONE = new Resources(null, null);

  public Resources {
    requests = requests == null ? Amounts.NONE : requests;
    limits = limits == null ? Amounts.NONE : limits;
  }

  /**
   * A CPU, a memory and an ephemeral-storage quantity ({@code 250m}, {@code 512Mi}, {@code 1Gi});
   * any may be absent.
   */
  public record Amounts(String cpu, String memory, String ephemeralStorage) {

    public static final Amounts NONE = new Amounts(null, null, null);

    public Amounts(String cpu, String memory) {
      this(cpu, memory, null);
    }

    /** CPU in millicores, or -1 when absent. */
    public long cpuMillis() {
      return cpu == null ? -1 : Quantities.cpuMillis(cpu);
    }

    /** Memory in bytes, or -1 when absent. */
    public long memoryBytes() {
      return memory == null ? -1 : Quantities.bytes(memory);
    }
  }
}
