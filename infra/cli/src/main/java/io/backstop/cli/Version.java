package io.backstop.cli;

import picocli.CommandLine.IVersionProvider;

/** {@code backstop --version}: the version the jar was built as. */
public final class Version implements IVersionProvider {

  @Override
  public String[] getVersion() {
    String version = Version.class.getPackage().getImplementationVersion();
    return new String[] {"backstop " + (version == null ? "(development build)" : version)};
  }
}
