package io.backstop.sandbox.spec;

import java.time.Duration;

/** A Secret of a namespace: its name and how long before the start it was last written. */
public record SecretSpec(String name, Duration changedAgo) {

  public SecretSpec {
    Names.requireDnsLabel("secret", name);
    changedAgo = changedAgo == null ? Duration.ofDays(30) : changedAgo;
  }
}
