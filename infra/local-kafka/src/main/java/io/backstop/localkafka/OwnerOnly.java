package io.backstop.localkafka;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Files only their owner may read: a secret of the local stack (the broker's passwords, the
 * guardrail's signing key and admin token, the console's tokens) is handed over in one of these (or
 * in a child's environment), never on a command line and never in a log. The file is created 0600
 * in a 0700 directory, so it is never readable by anyone else, not even for an instant; an existing
 * one is tightened before it is rewritten. The one writer of such files in the local stack.
 */
public final class OwnerOnly {

  public static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");
  public static final Set<PosixFilePermission> DIRECTORY =
      PosixFilePermissions.fromString("rwx------");

  private OwnerOnly() {}

  /** Creates or replaces {@code file} with {@code content}, readable by its owner alone. */
  public static Path write(Path file, String content) throws IOException {
    return write(file, content.getBytes(StandardCharsets.UTF_8));
  }

  /** Creates or replaces {@code file} with {@code content}, readable by its owner alone. */
  public static Path write(Path file, byte[] content) throws IOException {
    directory(file.toAbsolutePath().getParent());
    try {
      Files.createFile(file, PosixFilePermissions.asFileAttribute(FILE));
    } catch (FileAlreadyExistsException exists) {
      restrict(file, FILE);
    } catch (UnsupportedOperationException notPosix) {
      Files.deleteIfExists(file);
      Files.createFile(file);
    }
    Files.write(file, content, StandardOpenOption.TRUNCATE_EXISTING);
    return file;
  }

  /**
   * Creates {@code file} with {@code content}, readable by its owner alone, unless it exists: then
   * it is left as it is (another process made it first) and the answer is false.
   */
  public static boolean create(Path file, String content) throws IOException {
    directory(file.toAbsolutePath().getParent());
    try {
      Files.createFile(file, PosixFilePermissions.asFileAttribute(FILE));
    } catch (FileAlreadyExistsException exists) {
      return false;
    } catch (UnsupportedOperationException notPosix) {
      try {
        Files.createFile(file);
      } catch (FileAlreadyExistsException exists) {
        return false;
      }
    }
    Files.writeString(file, content, StandardCharsets.UTF_8);
    return true;
  }

  /** Creates {@code dir} if needed and makes it the owner's alone. */
  public static void directory(Path dir) throws IOException {
    Files.createDirectories(dir);
    restrict(dir, DIRECTORY);
  }

  public static void restrict(Path path, Set<PosixFilePermission> permissions) throws IOException {
    try {
      if (!Files.getPosixFilePermissions(path).equals(permissions)) {
        Files.setPosixFilePermissions(path, permissions);
      }
    } catch (UnsupportedOperationException notPosix) {
      // a file system without POSIX permissions: nothing more to do here
    }
  }
}
