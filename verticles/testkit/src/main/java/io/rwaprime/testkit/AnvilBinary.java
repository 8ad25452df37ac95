package io.rwaprime.testkit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Finds the {@code anvil} executable: the file named by {@value AnvilNode#EXECUTABLE_PROPERTY} or
 * {@value AnvilNode#EXECUTABLE_ENV}, else the one npm installs from {@code @foundry-rs/anvil} (pinned in
 * {@code web3/contracts/package-lock.json}). A fresh clone has no {@code node_modules}, so the first caller runs
 * {@code npm ci} there; the lock is held across threads and, through a file lock, across JVMs (Maven may run test
 * JVMs of several modules at once).
 */
final class AnvilBinary {

  private static final Logger LOG = LoggerFactory.getLogger(AnvilBinary.class);
  private static final Duration NPM_TIMEOUT = Duration.ofMinutes(5);
  private static final Object NPM_LOCK = new Object();

  private AnvilBinary() {}

  static Path find() {
    String explicit = System.getProperty(AnvilNode.EXECUTABLE_PROPERTY, System.getenv(AnvilNode.EXECUTABLE_ENV));
    if (explicit != null && !explicit.isBlank()) {
      Path file = Path.of(explicit);
      if (!Files.isRegularFile(file) || !Files.isExecutable(file)) {
        throw new IllegalStateException(AnvilNode.EXECUTABLE_PROPERTY + "/" + AnvilNode.EXECUTABLE_ENV + " names "
            + file + ", which is not an executable file");
      }
      return file;
    }
    Path project = RepoLayout.contractsProject();
    Path binary = project.resolve("node_modules").resolve("@foundry-rs").resolve("anvil-" + platform())
        .resolve("bin").resolve(isWindows() ? "anvil.exe" : "anvil");
    if (Files.isExecutable(binary)) {
      return binary;
    }
    synchronized (NPM_LOCK) {
      Path lockFile = Path.of(System.getProperty("java.io.tmpdir"), "rwa-testkit-npm-ci.lock");
      try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
        FileLock lock = channel.lock();
        try {
          if (!Files.isExecutable(binary)) {
            npmCi(project);
          }
        } finally {
          lock.release();
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot lock " + lockFile + " for npm ci", e);
      }
    }
    if (!Files.isExecutable(binary)) {
      throw new IllegalStateException("npm ci in " + project + " installed no " + binary + "; is @foundry-rs/anvil-"
          + platform() + " published for this platform? Set " + AnvilNode.EXECUTABLE_ENV + " to an anvil binary");
    }
    return binary;
  }

  /** @return npm's name of this OS and CPU, as in {@code @foundry-rs/anvil-linux-amd64} */
  static String platform() {
    String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
    String arch = System.getProperty("os.arch").toLowerCase(Locale.ROOT);
    String npmOs = os.contains("mac") || os.contains("darwin") ? "darwin" : isWindows() ? "win32" : "linux";
    String npmArch = arch.equals("aarch64") || arch.equals("arm64") ? "arm64" : "amd64";
    return npmOs + "-" + npmArch;
  }

  private static boolean isWindows() {
    return System.getProperty("os.name").toLowerCase(Locale.ROOT).startsWith("windows");
  }

  private static void npmCi(Path project) {
    List<String> command = List.of(isWindows() ? "npm.cmd" : "npm", "ci", "--no-audit", "--no-fund");
    Path log;
    try {
      log = Files.createDirectories(AnvilNode.LOG_DIR).resolve("npm-ci.log").toAbsolutePath();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + AnvilNode.LOG_DIR, e);
    }
    LOG.info("anvil is not installed; running {} [dir: {}, log: {}]", String.join(" ", command), project, log);
    long t0 = System.nanoTime();
    try {
      Process p = new ProcessBuilder(command).directory(project.toFile()).redirectErrorStream(true)
          .redirectOutput(log.toFile()).start();
      if (!p.waitFor(NPM_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
        p.destroyForcibly();
        throw new IllegalStateException("npm ci in " + project + " took longer than " + NPM_TIMEOUT + "; see " + log);
      }
      if (p.exitValue() != 0) {
        throw new IllegalStateException("npm ci in " + project + " exited with " + p.exitValue() + ":\n" + tail(log));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run " + command + " in " + project + " (are node and npm installed?)", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted during npm ci", e);
    }
    LOG.info("npm ci done in {} ms [dir: {}]", Duration.ofNanos(System.nanoTime() - t0).toMillis(), project);
  }

  private static String tail(Path log) {
    try {
      List<String> lines = Files.readAllLines(log);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    } catch (IOException e) {
      return "(no output: " + e + ")";
    }
  }
}
