package io.backstop.infra.ticket;

import io.modelcontextprotocol.server.transport.DefaultServerTransportSecurityValidator;
import io.modelcontextprotocol.server.transport.HeaderAccessor;
import io.modelcontextprotocol.server.transport.ServerHttpHeaderValidator;
import io.modelcontextprotocol.server.transport.ServerTransportSecurityException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;

/**
 * Checks every MCP request before the SDK handles it: the bearer token (401 when missing or wrong,
 * compared in constant time) and then the {@code Origin} header against the allowed origins (403,
 * the SDK's own DNS-rebinding check; a request without Origin, from a non-browser client, passes).
 */
final class AccessValidator implements ServerHttpHeaderValidator {

  private final byte[] expected;
  private final DefaultServerTransportSecurityValidator origins;

  AccessValidator(String token, List<String> allowedOrigins) {
    if (token == null || token.isBlank()) {
      throw new IllegalArgumentException(
          "the ticket MCP server needs a bearer token, but was blank");
    }
    this.expected = ("Bearer " + token).getBytes(StandardCharsets.UTF_8);
    this.origins =
        DefaultServerTransportSecurityValidator.builder().allowedOrigins(allowedOrigins).build();
  }

  @Override
  public void validate(HeaderAccessor headers) throws ServerTransportSecurityException {
    List<String> authorization = headers.getHeader("Authorization");
    String given = authorization == null || authorization.isEmpty() ? "" : authorization.get(0);
    if (!MessageDigest.isEqual(expected, given.getBytes(StandardCharsets.UTF_8))) {
      throw new ServerTransportSecurityException(401, "missing or wrong bearer token");
    }
    origins.validate(headers);
  }
}
