package io.backstop.sandbox.spec;

import java.util.regex.Pattern;

/** Kubernetes name rules the spec enforces up front, so a bad name fails with its value. */
final class Names {

  private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");

  private Names() {}

  static void requireDnsLabel(String what, String name) {
    if (name == null || !DNS_LABEL.matcher(name).matches()) {
      throw new IllegalArgumentException(
          what
              + " name must be a DNS-1123 label (lower case, digits, '-'), but was '"
              + name
              + "'");
    }
  }
}
