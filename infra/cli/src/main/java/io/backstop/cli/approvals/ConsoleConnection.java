package io.backstop.cli.approvals;

import io.backstop.localkafka.StackHome;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * Which console to talk to and as whom: {@code --url} (else {@code $BACKSTOP_CONSOLE_URL}, else the
 * console of the local stack in {@code --home}), and {@code --token} (else {@code
 * $BACKSTOP_CONSOLE_TOKEN}) or {@code --as USER} (a local stack user's token, from {@code
 * console/tokens/USER} under the data directory). Every request carries that bearer token: the
 * console decides what it allows, and audits what it refuses.
 */
public final class ConsoleConnection {

  @Option(
      names = "--url",
      paramLabel = "URL",
      description = "The console (default: $BACKSTOP_CONSOLE_URL, else the local stack's).")
  String url;

  @Option(
      names = "--token",
      paramLabel = "TOKEN",
      description = "An API bearer token (default: $BACKSTOP_CONSOLE_TOKEN).")
  String token;

  @Option(
      names = "--as",
      paramLabel = "USER",
      description = "Use this local stack user's token (alice, bob, vera, ada).")
  String as;

  @Option(
      names = "--home",
      paramLabel = "DIR",
      description =
          "Data directory of the local stack (default: $BACKSTOP_HOME, else ./.backstop).")
  Path home;

  ConsoleClient client() {
    return client(System.getenv());
  }

  ConsoleClient client(Map<String, String> env) {
    StackHome stack = StackHome.resolve(home, env);
    return new ConsoleClient(URI.create(url(env, stack.root())), token(env, stack.root()));
  }

  private String url(Map<String, String> env, Path root) {
    if (url != null && !url.isBlank()) {
      return url;
    }
    String fromEnv = env.get("BACKSTOP_CONSOLE_URL");
    if (fromEnv != null && !fromEnv.isBlank()) {
      return fromEnv;
    }
    return read(
        root.resolve("console").resolve("url"),
        "no console address: pass --url, set $BACKSTOP_CONSOLE_URL, or start the local stack with `backstop up`");
  }

  private String token(Map<String, String> env, Path root) {
    if (token != null && !token.isBlank()) {
      return token;
    }
    if (as != null && !as.isBlank()) {
      return read(
          root.resolve("console").resolve("tokens").resolve(as.strip()),
          "no token for local user '" + as + "' under " + root + " (users: alice, bob, vera, ada)");
    }
    String fromEnv = env.get("BACKSTOP_CONSOLE_TOKEN");
    if (fromEnv != null && !fromEnv.isBlank()) {
      return fromEnv;
    }
    throw new ConsoleClient.ConsoleException(
        "say who you are: --token, $BACKSTOP_CONSOLE_TOKEN, or --as USER for the local stack");
  }

  private static String read(Path file, String otherwise) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8).strip();
    } catch (IOException e) {
      throw new ConsoleClient.ConsoleException(otherwise);
    }
  }
}
