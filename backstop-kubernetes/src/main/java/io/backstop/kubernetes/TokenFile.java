package io.backstop.kubernetes;

import io.fabric8.kubernetes.client.OAuthTokenProvider;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;

/**
 * A bearer token read from a file on every request, re-read whenever the file changes: the kubelet
 * rotates a projected service-account token (about hourly), and a client that read it once would
 * start failing with 401 after it expires.
 */
final class TokenFile implements OAuthTokenProvider {

  private final Path file;
  private FileTime readAt;
  private String token;

  TokenFile(Path file) {
    this.file = file;
  }

  @Override
  public synchronized String getToken() {
    try {
      FileTime modified = Files.getLastModifiedTime(file);
      if (token == null || !modified.equals(readAt)) {
        token = Files.readString(file, StandardCharsets.UTF_8).trim();
        readAt = modified;
      }
      return token;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the service-account token at " + file, e);
    }
  }
}
