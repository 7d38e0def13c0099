package io.backstop.stack.services;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.Collections;
import java.util.Enumeration;
import java.util.regex.Pattern;

/**
 * Gives one service its own {@code application*.yml} when all five share a classpath. Every service
 * ships an {@code application.yml}; on a shared classpath {@code classpath:application.yml} would
 * resolve to whichever jar comes first. This loader answers config lookups from the service's own
 * code source only, and delegates everything else.
 */
final class OwnConfigClassLoader extends ClassLoader {

  private static final Pattern CONFIG =
      Pattern.compile("(config/)?application(-[^/]+)?\\.(yml|yaml|properties)");

  private final URLClassLoader own;

  OwnConfigClassLoader(ClassLoader parent, URL codeSource) {
    super("config-of-" + codeSource, parent);
    this.own = new URLClassLoader(new URL[] {codeSource}, null);
  }

  static boolean isConfig(String name) {
    String path = name.startsWith("/") ? name.substring(1) : name;
    return CONFIG.matcher(path).matches();
  }

  @Override
  public URL getResource(String name) {
    if (isConfig(name)) {
      return own.findResource(name.startsWith("/") ? name.substring(1) : name);
    }
    return super.getResource(name);
  }

  @Override
  public Enumeration<URL> getResources(String name) throws IOException {
    if (isConfig(name)) {
      URL url = getResource(name);
      return url == null
          ? Collections.emptyEnumeration()
          : Collections.enumeration(java.util.List.of(url));
    }
    return super.getResources(name);
  }
}
