package io.rwaprime.testkit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.embedded.core.ExecutableProvider;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real {@code redis-server} process listening on {@code 127.0.0.1} on a free port, without persistence
 * ({@code save ""}, {@code appendonly no}) and with its working folder in a temporary directory.
 *
 * <p><b>Binary.</b> In order: the file named by the system property {@value #EXECUTABLE_PROPERTY} or the environment
 * variable {@value #EXECUTABLE_ENV}; {@code redis-server} on the {@code PATH} (Debian's {@code /usr/bin/redis-server});
 * otherwise the redis-server 6.2 bundled in embedded-redis 1.4.4 (linux-amd64 needs {@code libssl.so.3}).
 *
 * <p><b>Sharing.</b> One server per JVM: {@link #instance()} starts it on first use and every later call returns
 * the same server; a JVM shutdown hook stops it. Tests that need isolation use distinct key prefixes, or
 * {@link #flushAll()}.
 *
 * <p><b>Faults.</b> {@link #stop()} ends the process (SIGTERM) and {@link #start()} starts a new one <em>on the
 * same port</em>, so that clients can be tested for reconnection; the data does not survive a restart.
 * Tests that stop the shared server must start it again before they finish.
 */
public final class RedisServer {

  /** System property naming the redis-server executable to use. */
  public static final String EXECUTABLE_PROPERTY = "rwaprime.testkit.redis-server";
  /** Environment variable naming the redis-server executable to use. */
  public static final String EXECUTABLE_ENV = "RWA_TESTKIT_REDIS_SERVER";

  private static final Logger LOG = LoggerFactory.getLogger(RedisServer.class);
  private static final Lazy<RedisServer> INSTANCE = new Lazy<>("Redis", RedisServer::startServer, RedisServer::stop);
  private static final String HOST = "127.0.0.1";
  private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(30);

  private final File executable;
  private final Path workDir;
  private final int port;
  private final Deque<String> output = new ArrayDeque<>();
  private Process process;
  private Duration startupTime;

  private RedisServer(File executable, Path workDir, int port) {
    this.executable = executable;
    this.workDir = workDir;
    this.port = port;
  }

  /** @return the JVM-wide server, started by the first call (well under a second) */
  public static RedisServer instance() {
    return INSTANCE.get();
  }

  /** @return {@code 127.0.0.1} */
  public String host() {
    return HOST;
  }

  /** @return the TCP port; the same across {@link #stop()} and {@link #start()} */
  public int port() {
    return port;
  }

  /** @return {@code redis://127.0.0.1:<port>} */
  public String uri() {
    return "redis://" + HOST + ":" + port;
  }

  /** @return the redis-server executable in use */
  public File executable() {
    return executable;
  }

  /** @return how long the latest {@link #start()} took until the server answered {@code PING} */
  public synchronized Duration startupTime() {
    return startupTime;
  }

  /** @return whether the process is running */
  public synchronized boolean isRunning() {
    return process != null && process.isAlive();
  }

  /**
   * Starts the server on {@link #port()} if it is not running, and waits until it answers {@code PING}.
   *
   * @throws IllegalStateException if it does not start, e.g. because something else took the port meanwhile
   */
  public synchronized void start() {
    if (isRunning()) {
      return;
    }
    long t0 = System.nanoTime();
    List<String> command = List.of(executable.getPath(),
        "--port", Integer.toString(port),
        "--bind", HOST,
        "--protected-mode", "yes",
        "--daemonize", "no",
        "--save", "",
        "--appendonly", "no",
        "--dir", workDir.toString(),
        "--logfile", "",
        "--loglevel", "notice");
    try {
      synchronized (output) {
        output.clear();
      }
      Process p = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true).start();
      Thread drain = new Thread(() -> drain(p.getInputStream()), "testkit-redis-output-" + port);
      drain.setDaemon(true);
      drain.start();
      long deadline = System.nanoTime() + STARTUP_TIMEOUT.toNanos();
      while (true) {
        if (!p.isAlive()) {
          drain.join(1000);
          throw new IllegalStateException("redis-server exited with " + p.exitValue() + " on port " + port + ":\n"
              + recentOutput());
        }
        if (answersPing()) {
          break;
        }
        if (System.nanoTime() > deadline) {
          p.destroyForcibly();
          throw new IllegalStateException("redis-server did not answer PING on port " + port + " within "
              + STARTUP_TIMEOUT + ":\n" + recentOutput());
        }
        Thread.sleep(20);
      }
      process = p;
      startupTime = Duration.ofNanos(System.nanoTime() - t0);
      LOG.info("Redis started on {}:{} in {} ms [{}]", HOST, port, startupTime.toMillis(), executable);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + command, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while starting redis-server", e);
    }
  }

  /** Stops the server (SIGTERM, then SIGKILL after 10 s) and waits until the process has exited. */
  public synchronized void stop() {
    Process p = process;
    process = null;
    if (p == null || !p.isAlive()) {
      return;
    }
    p.destroy();
    try {
      if (!p.waitFor(10, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        p.waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      p.destroyForcibly();
    }
    LOG.info("Redis on port {} stopped", port);
  }

  /** Deletes every key in every database ({@code FLUSHALL}). */
  public void flushAll() {
    String reply = command("FLUSHALL");
    if (!"+OK".equals(reply)) {
      throw new IllegalStateException("FLUSHALL answered " + reply);
    }
  }

  @Override
  public String toString() {
    return "RedisServer[" + uri() + "]";
  }

  // ---------------------------------------------------------------------------------------------------------------

  private boolean answersPing() {
    try {
      return "+PONG".equals(command("PING"));
    } catch (RuntimeException e) {
      return false;
    }
  }

  /** Sends one inline command and returns the first line of the reply. */
  private String command(String inline) {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(HOST, port), 1000);
      s.setSoTimeout(5000);
      OutputStream out = s.getOutputStream();
      out.write((inline + "\r\n").getBytes(StandardCharsets.US_ASCII));
      out.flush();
      return new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII)).readLine();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void drain(InputStream in) {
    try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      String line;
      while ((line = r.readLine()) != null) {
        LOG.debug("redis-server[{}]: {}", port, line);
        synchronized (output) {
          output.addLast(line);
          if (output.size() > 50) {
            output.removeFirst();
          }
        }
      }
    } catch (IOException ignored) {
      // the process ended
    }
  }

  private String recentOutput() {
    synchronized (output) {
      return String.join("\n", output);
    }
  }

  private static RedisServer startServer() {
    File exe = findExecutable();
    try {
      Path workDir = Files.createTempDirectory("rwa-testkit-redis-");
      workDir.toFile().deleteOnExit();
      IllegalStateException last = null;
      for (int attempt = 1; attempt <= 3; attempt++) {
        RedisServer server = new RedisServer(exe, workDir, FreePorts.find());
        try {
          server.start();
          return server;
        } catch (IllegalStateException e) {
          last = e;
          LOG.warn("redis-server did not start (attempt {}): {}", attempt, e.getMessage());
        }
      }
      throw last;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start redis-server " + exe, e);
    }
  }

  static File findExecutable() {
    String explicit = System.getProperty(EXECUTABLE_PROPERTY, System.getenv(EXECUTABLE_ENV));
    if (explicit != null && !explicit.isBlank()) {
      File f = new File(explicit);
      if (!f.canExecute()) {
        throw new IllegalStateException(EXECUTABLE_PROPERTY + "/" + EXECUTABLE_ENV + " names " + f
            + ", which is not an executable file");
      }
      return f;
    }
    String path = System.getenv("PATH");
    if (path != null) {
      for (String dir : path.split(File.pathSeparator)) {
        File f = new File(dir, "redis-server");
        if (!dir.isEmpty() && f.isFile() && f.canExecute()) {
          return f;
        }
      }
    }
    File debian = new File("/usr/bin/redis-server");
    if (debian.isFile() && debian.canExecute()) {
      return debian;
    }
    try {
      return ExecutableProvider.newJarResourceProvider().get();
    } catch (IOException | RuntimeException e) {
      throw new IllegalStateException("no redis-server: none on the PATH and embedded-redis has none for this"
          + " OS/architecture; install redis-server or set " + EXECUTABLE_PROPERTY, e);
    }
  }
}
