package io.hearth.runtime.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Creates files and directories that only the hub's user can read: the database, tokens, keys.
 * Permissions are set at creation (never created open and narrowed afterwards).
 */
public final class SecureFiles {
  public static final Set<PosixFilePermission> OWNER_ONLY_FILE =
      PosixFilePermissions.fromString("rw-------");
  public static final Set<PosixFilePermission> OWNER_ONLY_DIR =
      PosixFilePermissions.fromString("rwx------");

  private SecureFiles() {}

  /** Creates an empty file with mode 0600; fails if it exists. */
  public static void createPrivateFile(Path file) throws IOException {
    Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_ONLY_FILE));
  }

  /** Creates a directory (and parents) with mode 0700, or narrows an existing one to 0700. */
  public static void createPrivateDirectory(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(OWNER_ONLY_DIR));
    }
    Files.setPosixFilePermissions(dir, OWNER_ONLY_DIR);
  }

  /** Writes a new file with mode 0600; refuses to overwrite one that exists. */
  public static void writeNewPrivateFile(Path file, byte[] content) throws IOException {
    createPrivateFile(file);
    Files.write(file, content, StandardOpenOption.WRITE, StandardOpenOption.SYNC);
  }

  /** Replaces a file atomically with new content, mode 0600. */
  public static void replacePrivateFile(Path file, byte[] content) throws IOException {
    Path temp = file.resolveSibling(file.getFileName() + ".tmp");
    Files.deleteIfExists(temp);
    writeNewPrivateFile(temp, content);
    Files.move(
        temp,
        file,
        java.nio.file.StandardCopyOption.REPLACE_EXISTING,
        java.nio.file.StandardCopyOption.ATOMIC_MOVE);
  }
}
