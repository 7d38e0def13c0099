package io.backstop.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The guardrail's signing key of a local stack stays its owner's and survives a restart. */
class SigningKeyFilesTest {

  @TempDir Path home;

  @BeforeEach
  void posix() {
    assumeTrue(
        FileSystems.getDefault().supportedFileAttributeViews().contains("posix"),
        "owner-only permissions are POSIX permissions");
  }

  @Test
  void theSigningKeyIsMadeOnceKeptAcrossRestartsAndTightenedWhenLoosened() throws Exception {
    SigningKeyFiles first = SigningKeyFiles.ensure(home);
    Files.setPosixFilePermissions(first.privateKey(), PosixFilePermissions.fromString("rw-r--r--"));

    SigningKeyFiles again = SigningKeyFiles.ensure(home);

    assertThat(again.keyId()).isEqualTo(first.keyId());
    assertThat(Files.readString(again.publicKey())).contains("PUBLIC KEY");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(again.privateKey())))
        .isEqualTo("rw-------");
    assertThat(
            PosixFilePermissions.toString(
                Files.getPosixFilePermissions(again.privateKey().getParent())))
        .isEqualTo("rwx------");
  }
}
