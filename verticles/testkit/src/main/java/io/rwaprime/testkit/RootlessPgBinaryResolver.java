package io.rwaprime.testkit;

import io.zonky.test.db.postgres.embedded.DefaultPostgresBinaryResolver;
import io.zonky.test.db.postgres.embedded.PgBinaryResolver;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tukaani.xz.LZMA2Options;
import org.tukaani.xz.XZInputStream;
import org.tukaani.xz.XZOutputStream;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Set;

/**
 * The zonky binaries, repacked so that {@code bin/initdb} and {@code bin/pg_ctl} are shell wrappers that hand the
 * data directory to {@code nobody} and run the real program as {@code nobody} through {@code setpriv}: the way to
 * run PostgreSQL from a root JVM where zonky's own work-around ({@code unshare -U}) is not allowed, as in a Docker
 * container under the default seccomp profile. The repacked archive is cached next to zonky's binaries.
 */
final class RootlessPgBinaryResolver implements PgBinaryResolver {

  private static final Logger LOG = LoggerFactory.getLogger(RootlessPgBinaryResolver.class);
  static final RootlessPgBinaryResolver INSTANCE = new RootlessPgBinaryResolver();
  private static final Set<String> WRAPPED = Set.of("initdb", "pg_ctl");
  static final int NOBODY = 65534;

  private final Object lock = new Object();

  private RootlessPgBinaryResolver() {}

  @Override
  public InputStream getPgBinary(String system, String machineHardware) throws IOException {
    synchronized (lock) {
      byte[] original;
      try (InputStream in = DefaultPostgresBinaryResolver.INSTANCE.getPgBinary(system, machineHardware)) {
        if (in == null) {
          return null;
        }
        original = in.readAllBytes();
      }
      Path cached = Path.of(System.getProperty("java.io.tmpdir"), "embedded-pg",
          "rwa-testkit-rootless-" + md5(original) + ".txz");
      if (!Files.isRegularFile(cached)) {
        Files.createDirectories(cached.getParent());
        Path tmp = Files.createTempFile(cached.getParent(), "repack", ".tmp");
        try (OutputStream out = Files.newOutputStream(tmp)) {
          repack(new ByteArrayInputStream(original), out);
        }
        Files.move(tmp, cached, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        LOG.info("repacked the PostgreSQL binaries to run as uid {} from a root JVM: {}", NOBODY, cached);
      }
      return Files.newInputStream(cached);
    }
  }

  private static void repack(InputStream txz, OutputStream out) throws IOException {
    try (TarArchiveInputStream tarIn = new TarArchiveInputStream(new XZInputStream(new BufferedInputStream(txz)));
         TarArchiveOutputStream tarOut = new TarArchiveOutputStream(new XZOutputStream(out, new LZMA2Options(1)))) {
      tarOut.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
      TarArchiveEntry entry;
      while ((entry = tarIn.getNextEntry()) != null) {
        String name = entry.getName();
        String program = programName(name);
        if (entry.isFile() && program != null) {
          copyEntry(tarIn, tarOut, entry, name + ".real");
          byte[] script = wrapper(program).getBytes(StandardCharsets.UTF_8);
          TarArchiveEntry wrapper = new TarArchiveEntry(name);
          wrapper.setSize(script.length);
          wrapper.setMode(0755);
          tarOut.putArchiveEntry(wrapper);
          tarOut.write(script);
          tarOut.closeArchiveEntry();
        } else {
          copyEntry(tarIn, tarOut, entry, name);
        }
      }
      tarOut.finish();
    }
  }

  private static void copyEntry(TarArchiveInputStream in, TarArchiveOutputStream out, TarArchiveEntry entry, String name)
      throws IOException {
    TarArchiveEntry copy;
    if (entry.isSymbolicLink() || entry.isLink()) {
      copy = new TarArchiveEntry(name, entry.isSymbolicLink() ? TarArchiveEntry.LF_SYMLINK : TarArchiveEntry.LF_LINK);
      copy.setLinkName(entry.getLinkName());
    } else if (entry.isDirectory()) {
      copy = new TarArchiveEntry(name.endsWith("/") ? name : name + "/");
    } else {
      copy = new TarArchiveEntry(name, TarArchiveEntry.LF_NORMAL);
      copy.setSize(entry.getSize());
    }
    copy.setMode(entry.getMode());
    copy.setModTime(entry.getModTime());
    out.putArchiveEntry(copy);
    if (entry.isFile()) {
      in.transferTo(out);
    }
    out.closeArchiveEntry();
  }

  private static String programName(String entryName) {
    String n = entryName.startsWith("./") ? entryName.substring(2) : entryName;
    if (n.startsWith("bin/") && WRAPPED.contains(n.substring(4))) {
      return n.substring(4);
    }
    return null;
  }

  private static String wrapper(String program) {
    return """
        #!/bin/sh
        # rwa-testkit: PostgreSQL refuses to run as root; hand the data directory to uid %1$d and run as it.
        here=$(dirname "$0")
        data=""
        prev=""
        for a in "$@"; do
          if [ "$prev" = "-D" ]; then data="$a"; fi
          prev="$a"
        done
        if [ -n "$data" ]; then
          mkdir -p "$data" && chown -R %1$d:%1$d "$data" && chmod 700 "$data"
        fi
        exec setpriv --reuid=%1$d --regid=%1$d --clear-groups -- "$here/%2$s.real" "$@"
        """.formatted(NOBODY, program);
  }

  private static String md5(byte[] data) throws IOException {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(data));
    } catch (NoSuchAlgorithmException e) {
      throw new IOException(e);
    }
  }
}
