package io.backstop.stack;

import io.backstop.localkafka.OwnerOnly;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/**
 * Who may use the console of one local stack: four local users, each with a fresh random password
 * (the console is given only its bcrypt hash) and an API token (the console is given only its
 * SHA-256), so two approvers exist to show a two-person rule. The tokens are written to {@code
 * console/tokens/<user>} under the stack's data directory (0600), where {@code backstop approvals
 * --as <user>} finds them, the passwords to {@code console/passwords} (0600; never printed), and
 * the console's address to {@code console/url}.
 */
public record ConsoleAccess(List<LocalUser> users) {

  /** One local user: name, role, password, API token. */
  public record LocalUser(String username, String role, String password, String token) {

    public String passwordHash() {
      return "{bcrypt}" + new BCryptPasswordEncoder(10).encode(password);
    }

    public String tokenSha256() {
      try {
        return HexFormat.of()
            .formatHex(
                MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.UTF_8)));
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException(e);
      }
    }

    @Override
    public String toString() {
      return "LocalUser[" + username + ", " + role + ", secrets not shown]";
    }
  }

  public static ConsoleAccess generate() {
    return new ConsoleAccess(
        List.of(
            user("alice", "approver"),
            user("bob", "approver"),
            user("vera", "viewer"),
            user("ada", "admin")));
  }

  public LocalUser user(String name) {
    return users.stream()
        .filter(u -> u.username().equals(name))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no local console user " + name));
  }

  /** Writes the console's address and each user's token under {@code home/console}. */
  public void writeTo(Path home, String consoleUrl) {
    Path dir = home.resolve("console");
    Path tokens = dir.resolve("tokens");
    try {
      OwnerOnly.directory(dir);
      OwnerOnly.directory(tokens);
      Files.writeString(dir.resolve("url"), consoleUrl + "\n", StandardCharsets.UTF_8);
      StringBuilder passwords = new StringBuilder();
      for (LocalUser u : users) {
        OwnerOnly.write(tokens.resolve(u.username()), u.token() + "\n");
        passwords.append(u.username()).append(' ').append(u.password()).append('\n');
      }
      OwnerOnly.write(dir.resolve("passwords"), passwords.toString());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the console access under " + dir, e);
    }
  }

  private static LocalUser user(String name, String role) {
    return new LocalUser(name, role, random(9), "bst_" + name + "_" + random(18));
  }

  private static String random(int bytes) {
    byte[] b = new byte[bytes];
    new SecureRandom().nextBytes(b);
    return HexFormat.of().formatHex(b);
  }
}
