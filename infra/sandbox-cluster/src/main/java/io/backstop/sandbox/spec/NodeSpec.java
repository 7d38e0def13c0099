package io.backstop.sandbox.spec;

/** A node of the sandbox cluster: its name and allocatable memory in bytes. */
public record NodeSpec(String name, long allocatableMemoryBytes) {

  /** The node a cluster has when its spec names none. */
  public static final NodeSpec DEFAULT = new NodeSpec("sandbox-node-1", 32L << 30);

  public NodeSpec {
    Names.requireDnsLabel("node", name);
    if (allocatableMemoryBytes <= 0) {
      throw new IllegalArgumentException(
          "node " + name + ": allocatable memory must be > 0, but was " + allocatableMemoryBytes);
    }
  }
}
