package io.backstop.escalation.web;

import io.backstop.escalation.EscalationProperties;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * The API's bearer tokens. Only the SHA-256 of each token is configured (a token is a long random
 * secret, so a fast hash suffices, as for any API key); a presented token is hashed and compared
 * with every configured hash in constant time.
 */
final class ApiTokens {

  private final List<EscalationProperties.Token> tokens;

  ApiTokens(List<EscalationProperties.Token> tokens) {
    this.tokens = List.copyOf(tokens);
  }

  /** The authenticated principal of this token, if it is one of ours. */
  Optional<Authentication> authenticate(String presented) {
    byte[] given = sha256(presented.strip());
    EscalationProperties.Token match = null;
    for (EscalationProperties.Token token : tokens) {
      byte[] expected = HexFormat.of().parseHex(token.sha256().toLowerCase(java.util.Locale.ROOT));
      if (MessageDigest.isEqual(given, expected) && match == null) {
        match = token;
      }
    }
    return Optional.ofNullable(match)
        .map(
            t ->
                UsernamePasswordAuthenticationToken.authenticated(
                    t.principal(),
                    null,
                    List.of(new SimpleGrantedAuthority(t.role().authority()))));
  }

  /** The SHA-256 of a token as configured: 64 hex digits. */
  static String hash(String token) {
    return HexFormat.of().formatHex(sha256(token));
  }

  private static byte[] sha256(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JDK", e);
    }
  }
}
