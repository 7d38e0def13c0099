package io.backstop.stack.services;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OwnConfigClassLoaderTest {

  @Test
  void answersApplicationConfigFromTheServicesOwnCodeSourceOnly(@TempDir Path dir)
      throws Exception {
    Path mine = Files.createDirectories(dir.resolve("mine"));
    Files.writeString(mine.resolve("application.yml"), "who: mine\n");
    Path theirs = Files.createDirectories(dir.resolve("theirs"));
    Files.writeString(theirs.resolve("application.yml"), "who: theirs\n");
    Files.writeString(theirs.resolve("shared.txt"), "shared\n");
    var parent = new java.net.URLClassLoader(new URL[] {theirs.toUri().toURL()}, null);

    var loader = new OwnConfigClassLoader(parent, mine.toUri().toURL());

    assertThat(read(loader.getResource("application.yml"))).isEqualTo("who: mine\n");
    assertThat(loader.getResource("application-local.yml")).isNull();
    assertThat(read(loader.getResource("shared.txt"))).isEqualTo("shared\n");
  }

  @Test
  void recognisesEveryFormOfBootConfigName() {
    assertThat(OwnConfigClassLoader.isConfig("application.yml")).isTrue();
    assertThat(OwnConfigClassLoader.isConfig("/application.properties")).isTrue();
    assertThat(OwnConfigClassLoader.isConfig("config/application-local.yaml")).isTrue();
    assertThat(OwnConfigClassLoader.isConfig("policies/application.yml.txt")).isFalse();
    assertThat(OwnConfigClassLoader.isConfig("META-INF/spring.factories")).isFalse();
  }

  private static String read(URL url) throws Exception {
    try (var in = url.openStream()) {
      return new String(in.readAllBytes());
    }
  }
}
