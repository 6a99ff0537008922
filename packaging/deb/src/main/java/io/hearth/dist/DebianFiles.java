package io.hearth.dist;

import io.hearth.runtime.ModuleCatalog;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * Build step of the Debian package (run by Maven before jdeb): writes the files that are made from
 * the code or the version rather than kept as they are: the documented conffile {@code
 * hearth.yaml}, {@code changelog.gz} and the manual page {@code hearth.1.gz}, gzipped without a
 * timestamp so the package is reproducible.
 *
 * <p>Usage: {@code DebianFiles SOURCE_DIR OUTPUT_DIR MAVEN_VERSION}
 */
public final class DebianFiles {
  private DebianFiles() {}

  public static void main(String[] args) throws IOException {
    if (args.length != 3) {
      throw new IllegalArgumentException("usage: DebianFiles SOURCE_DIR OUTPUT_DIR MAVEN_VERSION");
    }
    Path source = Path.of(args[0]);
    Path out = Files.createDirectories(Path.of(args[1]));
    String version = debianVersion(args[2]);
    String conffile = ConffileTemplate.render(ModuleCatalog.discover().configKeys());
    Files.writeString(out.resolve("hearth.yaml"), conffile, StandardCharsets.UTF_8);
    gzip(versioned(source.resolve("changelog"), version), out.resolve("changelog.gz"));
    gzip(versioned(source.resolve("hearth.1"), version), out.resolve("hearth.1.gz"));
  }

  /**
   * The Debian version of a Maven version, as jdeb makes it for the control file: {@code
   * 0.1.0-SNAPSHOT} becomes {@code 0.1.0~SNAPSHOT} (sorts before the release), other hyphens {@code
   * +}.
   */
  static String debianVersion(String maven) {
    String version = maven.replaceFirst("[-+]SNAPSHOT$", "~SNAPSHOT");
    return version.replace('-', '+');
  }

  private static String versioned(Path template, String version) throws IOException {
    return Files.readString(template, StandardCharsets.UTF_8).replace("@VERSION@", version);
  }

  /**
   * Gzip at the best compression, with the header Debian's tools check: no modification time (a
   * reproducible package), "maximum compression" in the extra flags, Unix as the system.
   */
  static byte[] gzip(byte[] data) {
    Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION, true);
    deflater.setInput(data);
    deflater.finish();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(new byte[] {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 2, 3});
    byte[] buffer = new byte[8192];
    while (!deflater.finished()) {
      out.write(buffer, 0, deflater.deflate(buffer));
    }
    deflater.end();
    CRC32 crc = new CRC32();
    crc.update(data);
    writeIntLe(out, (int) crc.getValue());
    writeIntLe(out, data.length);
    return out.toByteArray();
  }

  private static void gzip(String text, Path target) throws IOException {
    Files.write(target, gzip(text.getBytes(StandardCharsets.UTF_8)));
  }

  private static void writeIntLe(ByteArrayOutputStream out, int value) {
    for (int i = 0; i < 4; i++) {
      out.write(value >>> (8 * i));
    }
  }
}
