package io.backstop.localkafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A secret of the local stack is written where only its owner can read it. */
class OwnerOnlyTest {

  @TempDir Path home;

  @BeforeEach
  void posix() {
    assumeTrue(
        FileSystems.getDefault().supportedFileAttributeViews().contains("posix"),
        "owner-only permissions are POSIX permissions");
  }

  @Test
  void aSecretFileIsTheOwnersAloneInADirectoryThatIsTheOwnersAlone() throws Exception {
    Path file = OwnerOnly.write(home.resolve("keys/admin.token"), "s3cret\n");

    assertThat(Files.readString(file)).isEqualTo("s3cret\n");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent())))
        .isEqualTo("rwx------");
  }

  @Test
  void rewritingAFileOthersCouldReadTightensItAndReplacesItsContent() throws Exception {
    Path file = home.resolve("admin.token");
    Files.writeString(file, "an older and longer token\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

    OwnerOnly.write(file, "new\n");

    assertThat(Files.readString(file)).isEqualTo("new\n");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
  }

  @Test
  void creatingKeepsAFileThatAlreadyExists() throws Exception {
    Path file = home.resolve("keys/signing.pem");

    assertThat(OwnerOnly.create(file, "first")).isTrue();
    assertThat(OwnerOnly.create(file, "second")).isFalse();

    assertThat(Files.readString(file)).isEqualTo("first");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
  }
}
