package io.backstop.localkafka;

import java.nio.file.Path;
import java.util.Map;

/**
 * The one data directory of the local stack: {@code --home} if given, else {@code $BACKSTOP_HOME},
 * else {@code ./.backstop} in the working directory. Everything the stack writes lives under it
 * (the broker's log dirs, its pid file, log files), never under a source tree.
 */
public record StackHome(Path root) {

  public static final String ENV = "BACKSTOP_HOME";
  public static final String DEFAULT = ".backstop";

  public StackHome {
    root = root.toAbsolutePath().normalize();
  }

  /** Resolves the home from an explicit option (may be null) and the environment. */
  public static StackHome resolve(Path option, Map<String, String> env) {
    if (option != null) {
      return new StackHome(option);
    }
    String fromEnv = env.get(ENV);
    if (fromEnv != null && !fromEnv.isBlank()) {
      return new StackHome(Path.of(fromEnv));
    }
    return new StackHome(Path.of(DEFAULT));
  }

  public Path kafka() {
    return root.resolve("kafka");
  }

  public Path logs() {
    return root.resolve("logs");
  }
}
