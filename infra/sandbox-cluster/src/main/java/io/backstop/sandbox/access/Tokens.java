package io.backstop.sandbox.access;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;

/** The sandbox's three bearer tokens, random per start unless given. */
public record Tokens(String admin, String readOnly, String executor) {

  public Tokens {
    if (admin.equals(readOnly) || admin.equals(executor) || readOnly.equals(executor)) {
      throw new IllegalArgumentException("the three sandbox tokens must differ");
    }
  }

  public static Tokens random() {
    return new Tokens(token("admin"), token("readonly"), token("executor"));
  }

  /** The principal a bearer token stands for; empty for an unknown token. */
  public Optional<Principal> principalOf(String token) {
    var principals =
        Map.of(
            admin, new Principal("admin", Role.ADMIN),
            readOnly, new Principal("read-only", Role.READ_ONLY),
            executor, new Principal("executor", Role.EXECUTOR));
    return Optional.ofNullable(token).map(principals::get);
  }

  private static String token(String prefix) {
    byte[] bytes = new byte[16];
    new SecureRandom().nextBytes(bytes);
    return "sandbox-" + prefix + "-" + HexFormat.of().formatHex(bytes);
  }
}
