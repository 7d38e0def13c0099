package io.backstop.stack.services;

/** The project version the local stack was built with, to find sibling jars. */
final class Versions {

  static final String PROJECT = version();

  private Versions() {}

  private static String version() {
    String fromManifest = Versions.class.getPackage().getImplementationVersion();
    return fromManifest != null ? fromManifest : "0.1.0-SNAPSHOT";
  }
}
