package io.rwaprime.testkit;

import kafka.tools.StorageTool;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A real Apache Kafka 4.3 node in KRaft mode (one combined broker and controller) that runs <em>in its own JVM
 * process</em> on {@code 127.0.0.1}, so that fault tests can kill it with SIGKILL in the middle of a stream and
 * start it again on the same ports with the same log directory. Unlike the in-JVM {@link KafkaBroker}, a killed
 * node gets no chance to flush, close its segments or write its clean-shutdown marker: its next start runs Kafka's
 * unclean-shutdown log recovery, as after a crash.
 *
 * <p><b>Process.</b> {@code java} of the current JVM ({@code java.home}) with the current JVM's
 * {@code java.class.path} (which holds the Kafka jars; the test harness depends on them), {@code -Xmx512m
 * -XX:+UseSerialGC}, running {@code kafka.Kafka server.properties} behind a small launcher that halts the node
 * when the JVM that started it is gone (so that a crashed or killed test run leaves no broker behind). A JVM
 * shutdown hook kills it too.
 *
 * <p><b>Data directory.</b> Everything lives in the folder given to {@link #start(Path)}, which must be empty or
 * absent: {@code server.properties}, the JVM's {@code @argfile} ({@code jvm.args}), the logging configuration,
 * {@value #LOG_FILE} (the node's stdout and stderr with its logs at INFO, appended across restarts, each start
 * marked by a {@code ===} line) and {@value #LOG_DIRS}/ (Kafka's {@code log.dirs}, which also holds the KRaft
 * metadata log). The storage is formatted once, by {@link #start(Path)}, as {@code kafka-storage.sh format
 * --standalone} does (a dynamic quorum whose only voter is this node). {@link #close()} <b>keeps the folder</b>:
 * the caller owns it (a JUnit {@code @TempDir}, typically) and can read the log after a failure.
 *
 * <p><b>Ports.</b> Two ports free on the loopback interface when {@link #start(Path)} runs ({@link FreePorts}):
 * the client listener ({@code PLAINTEXT}) and the controller listener. Another process could take one of them
 * between the search and the bind, or while the node is down; the start then fails with the node's log in the
 * exception.
 *
 * <p><b>Readiness.</b> {@link #start(Path)} and {@link #restart()} return once an admin client sees this node in
 * {@code describeCluster} (the broker opens its client port only when it is registered and unfenced) and every
 * partition of every topic, internal ones included, has a leader again. They wait at most
 * {@value #STARTUP_TIMEOUT_SECONDS} s and fail, with the tail of the node's log, if the process exits first or
 * that time runs out.
 *
 * <p><b>Single-node settings.</b> As {@link KafkaBroker}: replication factor 1 for the internal topics (one
 * partition each), {@code group.initial.rebalance.delay.ms=0}, few threads, and a broker session of 4 s instead
 * of 9 s, since a restarted node can register its broker again only once the previous session has expired.
 */
public final class KafkaProcess implements KafkaNode, AutoCloseable {

  /** The node's stdout and stderr, in the data directory. */
  public static final String LOG_FILE = "kafka.log";
  /** Kafka's {@code log.dirs}, in the data directory. */
  public static final String LOG_DIRS = "kraft-logs";

  private static final Logger LOG = LoggerFactory.getLogger(KafkaProcess.class);
  private static final String HOST = "127.0.0.1";
  private static final int NODE_ID = 1;
  private static final long STARTUP_TIMEOUT_SECONDS = 90;
  private static final Duration KILL_TIMEOUT = Duration.ofSeconds(30);
  private static final String PARENT_PID_PROPERTY = "rwaprime.testkit.kafka.parent-pid";
  private static final int LOG_TAIL_BYTES = 12_000;

  private final Path dataDir;
  private final int port;
  private final int controllerPort;
  private final Thread shutdownHook;
  private Process process;
  private int starts;
  private Duration lastStartupTime;

  private KafkaProcess(Path dataDir, int port, int controllerPort) {
    this.dataDir = dataDir;
    this.port = port;
    this.controllerPort = controllerPort;
    this.shutdownHook = new Thread(this::killQuietly, "kafka-process-" + port + "-shutdown");
  }

  /**
   * Formats a new single-node KRaft storage in {@code dataDir}, starts the node in a new JVM and waits until it is
   * ready (see the class description; a few seconds, up to {@value #STARTUP_TIMEOUT_SECONDS} s).
   *
   * @param dataDir an empty or absent folder; created if need be, and kept after {@link #close()}
   * @throws IllegalArgumentException if {@code dataDir} is a file or a folder that is not empty
   * @throws IllegalStateException if the storage cannot be formatted or the node does not become ready; the node
   *     is then killed and the message holds the tail of its log
   */
  public static KafkaProcess start(Path dataDir) {
    Path dir = dataDir.toAbsolutePath().normalize();
    requireEmpty(dir);
    int port = FreePorts.find();
    int controllerPort = FreePorts.find();
    while (controllerPort == port) {
      controllerPort = FreePorts.find();
    }
    KafkaProcess kafka = new KafkaProcess(dir, port, controllerPort);
    try {
      kafka.writeConfiguration();
      kafka.formatStorage();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prepare the Kafka data directory " + dir, e);
    }
    Runtime.getRuntime().addShutdownHook(kafka.shutdownHook);
    try {
      kafka.launchAndAwaitReady();
    } catch (RuntimeException e) {
      kafka.close();
      throw e;
    }
    return kafka;
  }

  /** @return {@code 127.0.0.1:<port>}, for {@code bootstrap.servers}; the same across restarts */
  @Override
  public String bootstrapServers() {
    return HOST + ":" + port;
  }

  /** @return the broker's client port; the same across restarts */
  public int port() {
    return port;
  }

  /** @return the KRaft controller's port (clients never need it); the same across restarts */
  public int controllerPort() {
    return controllerPort;
  }

  /** @return the folder given to {@link #start(Path)}, as an absolute path */
  public Path dataDir() {
    return dataDir;
  }

  /** @return the node's stdout and stderr, {@value #LOG_FILE} in the data directory */
  public Path logFile() {
    return dataDir.resolve(LOG_FILE);
  }

  /** @return how long the last start or restart took, from launching the JVM until the node was ready */
  public synchronized Duration lastStartupTime() {
    return lastStartupTime;
  }

  /** @return the last part (about 12 KB) of {@value #LOG_FILE}, for diagnostics */
  public String logTail() {
    return readTail(logFile(), LOG_TAIL_BYTES);
  }

  /** @return the process id of the running node, or of the last one if it has been killed */
  public synchronized long pid() {
    return process.pid();
  }

  /** @return whether the node's process is alive */
  public synchronized boolean isRunning() {
    return process != null && process.isAlive();
  }

  /**
   * Kills the node with SIGKILL ({@link Process#destroyForcibly()}) and waits until the process is gone, so that its
   * ports are free again. Does nothing if it is not running.
   *
   * @throws IllegalStateException if the process is still alive 30 s later
   */
  public synchronized void kill() {
    if (!isRunning()) {
      return;
    }
    long t0 = System.nanoTime();
    process.destroyForcibly();
    try {
      if (!process.waitFor(KILL_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
        throw new IllegalStateException("Kafka process " + process.pid() + " still alive " + KILL_TIMEOUT.toSeconds()
            + " s after SIGKILL");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for Kafka process " + process.pid() + " to die", e);
    }
    LOG.info("Kafka process {} on {} killed (exit code {}) in {} ms", process.pid(), bootstrapServers(),
        process.exitValue(), TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0));
  }

  /**
   * Starts the node again after {@link #kill()} (or after it died), in a new JVM, on the same ports and with the same
   * data directory, and waits until it is ready: it recovers its logs first, since it was not shut down cleanly.
   *
   * @throws IllegalStateException if it is running, or does not become ready (the message then holds the tail of
   *     its log)
   */
  public synchronized void restart() {
    if (isRunning()) {
      throw new IllegalStateException("Kafka process " + process.pid() + " is running: kill() it first");
    }
    launchAndAwaitReady();
  }

  /** Kills the node if it runs (SIGKILL: this is test clean-up, not a graceful stop). Keeps the data directory. */
  @Override
  public synchronized void close() {
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException | IllegalArgumentException shuttingDownOrNotAdded) {
      // the hook is running or was never added; kill() is idempotent
    }
    kill();
  }

  @Override
  public String toString() {
    return "KafkaProcess[" + bootstrapServers() + ", " + dataDir + "]";
  }

  // ---------------------------------------------------------------------------------------------------------------

  private static void requireEmpty(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    if (!Files.isDirectory(dir)) {
      throw new IllegalArgumentException("Kafka data directory " + dir + " is a file");
    }
    try (Stream<Path> entries = Files.list(dir)) {
      if (entries.findAny().isPresent()) {
        throw new IllegalArgumentException("Kafka data directory " + dir + " is not empty: start() formats a new"
            + " node; restart() a KafkaProcess to reuse its data");
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + dir, e);
    }
  }

  private void writeConfiguration() throws IOException {
    Files.createDirectories(dataDir.resolve(LOG_DIRS));
    StringBuilder properties = new StringBuilder("# written by " + KafkaProcess.class.getName() + "\n");
    serverConfig().forEach((k, v) -> properties.append(k).append('=').append(v).append('\n'));
    Files.writeString(dataDir.resolve("server.properties"), properties);
    Files.writeString(dataDir.resolve("logback.xml"), """
        <configuration>
          <appender name="OUT" class="ch.qos.logback.core.ConsoleAppender">
            <encoder><pattern>%d{HH:mm:ss.SSS} %-5level [%thread] %logger{36} - %msg%n</pattern></encoder>
          </appender>
          <!-- the configuration, some 400 lines at each of several places per start: it is in server.properties -->
          <logger name="org.apache.kafka.common.config.AbstractConfig" level="WARN"/>
          <logger name="state.change.logger" level="WARN"/>
          <logger name="kafka.request.logger" level="WARN"/>
          <root level="INFO"><appender-ref ref="OUT"/></root>
        </configuration>
        """);
    Files.writeString(dataDir.resolve("log4j2.properties"), """
        appender.out.type = Console
        appender.out.name = OUT
        appender.out.layout.type = PatternLayout
        appender.out.layout.pattern = %d{HH:mm:ss.SSS} %-5p [%t] %c{1.} - %m%n
        logger.config.name = org.apache.kafka.common.config.AbstractConfig
        logger.config.level = WARN
        logger.state.name = state.change.logger
        logger.state.level = WARN
        rootLogger.level = INFO
        rootLogger.appenderRef.out.ref = OUT
        """);
    List<String> jvm = List.of(
        "-Xmx512m",
        "-XX:+UseSerialGC",
        "-XX:TieredStopAtLevel=1",
        "-Djava.awt.headless=true",
        "-Dlogback.configurationFile=" + dataDir.resolve("logback.xml"),
        "-Dlog4j2.configurationFile=" + dataDir.resolve("log4j2.properties"),
        "-D" + PARENT_PID_PROPERTY + "=" + ProcessHandle.current().pid(),
        "-cp", System.getProperty("java.class.path"),
        Launcher.class.getName(),
        dataDir.resolve("server.properties").toString());
    // an @argfile: the class path may exceed what one command-line argument can hold
    Files.writeString(dataDir.resolve("jvm.args"),
        jvm.stream().map(KafkaProcess::argfileQuote).collect(Collectors.joining("\n", "", "\n")));
  }

  private Map<String, String> serverConfig() {
    Map<String, String> c = new LinkedHashMap<>();
    c.put("process.roles", "broker,controller");
    c.put("node.id", String.valueOf(NODE_ID));
    c.put("listeners", "PLAINTEXT://" + HOST + ":" + port + ",CONTROLLER://" + HOST + ":" + controllerPort);
    c.put("advertised.listeners", "PLAINTEXT://" + HOST + ":" + port + ",CONTROLLER://" + HOST + ":" + controllerPort);
    c.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
    c.put("inter.broker.listener.name", "PLAINTEXT");
    c.put("controller.listener.names", "CONTROLLER");
    c.put("controller.quorum.bootstrap.servers", HOST + ":" + controllerPort);
    // forward slashes: backslashes are escapes in a properties file
    c.put("log.dirs", dataDir.resolve(LOG_DIRS).toString().replace('\\', '/'));
    c.put("offsets.topic.replication.factor", "1");
    c.put("offsets.topic.num.partitions", "1");
    c.put("transaction.state.log.replication.factor", "1");
    c.put("transaction.state.log.min.isr", "1");
    c.put("transaction.state.log.num.partitions", "1");
    c.put("share.coordinator.state.topic.replication.factor", "1");
    c.put("share.coordinator.state.topic.min.isr", "1");
    c.put("share.coordinator.state.topic.num.partitions", "1");
    c.put("group.initial.rebalance.delay.ms", "0");
    c.put("num.network.threads", "2");
    c.put("num.io.threads", "2");
    c.put("background.threads", "2");
    c.put("num.recovery.threads.per.data.dir", "1");
    c.put("num.replica.fetchers", "1");
    c.put("log.cleaner.threads", "1");
    // a restarted node registers its broker again only once the controller has expired the previous session
    // (DUPLICATE_BROKER_REGISTRATION until then): 4 s instead of 9 s; heartbeats every 0.5 s instead of 2 s
    c.put("broker.session.timeout.ms", "4000");
    c.put("broker.heartbeat.interval.ms", "500");
    return c;
  }

  /** {@code kafka-storage.sh format -t <new id> -c server.properties --standalone}, in this JVM. */
  private void formatStorage() {
    String clusterId = Uuid.randomUuid().toString();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    String[] args = {"format", "-t", clusterId, "-c", dataDir.resolve("server.properties").toString(), "--standalone"};
    int code;
    try (PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8)) {
      code = StorageTool.execute(args, print);
    } catch (Exception e) { // FormatterException, TerseFailure (a Scala exception) and configuration errors
      throw new IllegalStateException("cannot format Kafka storage in " + dataDir + ": " + e.getMessage() + "\n"
          + out.toString(StandardCharsets.UTF_8), e);
    }
    if (code != 0) {
      throw new IllegalStateException("cannot format Kafka storage in " + dataDir + " (exit code " + code + "):\n"
          + out.toString(StandardCharsets.UTF_8));
    }
    LOG.debug("Kafka storage formatted in {}: {}", dataDir, out.toString(StandardCharsets.UTF_8).strip());
  }

  private synchronized void launchAndAwaitReady() {
    long t0 = System.nanoTime();
    starts++;
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    try {
      Files.writeString(logFile(), "=== start " + starts + " at " + Instant.now() + " (ports " + port + ", "
          + controllerPort + ")\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
      process = new ProcessBuilder(java.toString(), "@" + dataDir.resolve("jvm.args"))
          .directory(dataDir.toFile())
          .redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile().toFile()))
          .redirectInput(ProcessBuilder.Redirect.from(nullDevice()))
          .start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + java + " for Kafka in " + dataDir, e);
    }
    awaitReady(t0);
    lastStartupTime = Duration.ofNanos(System.nanoTime() - t0);
    LOG.info("Kafka process {} ready on {} in {} ms (start {}, controller port {}, data in {})", process.pid(),
        bootstrapServers(), lastStartupTime.toMillis(), starts, controllerPort, dataDir);
  }

  private void awaitReady(long t0) {
    long deadline = t0 + TimeUnit.SECONDS.toNanos(STARTUP_TIMEOUT_SECONDS);
    Map<String, Object> props = clientProperties();
    props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 3_000);
    props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5_000);
    props.put(AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 500);
    String notYet = "no answer yet";
    try (Admin admin = Admin.create(props)) {
      while (true) {
        if (!process.isAlive()) {
          throw startFailure("exited with code " + process.exitValue() + " before it was ready", null);
        }
        try {
          notYet = readiness(admin);
          if (notYet == null) {
            return;
          }
        } catch (ExecutionException | TimeoutException e) {
          notYet = e.toString();
        }
        if (System.nanoTime() > deadline) {
          throw startFailure("not ready after " + STARTUP_TIMEOUT_SECONDS + " s (" + notYet + ")", null);
        }
        Thread.sleep(100);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw startFailure("interrupted while waiting for it", e);
    }
  }

  /** @return null when the node is ready, or what it is still missing */
  private String readiness(Admin admin) throws ExecutionException, TimeoutException, InterruptedException {
    Collection<Node> nodes = admin.describeCluster().nodes().get(5, TimeUnit.SECONDS);
    if (nodes.stream().noneMatch(n -> n.id() == NODE_ID && n.port() == port)) {
      return "node " + NODE_ID + " not among the live brokers " + nodes;
    }
    Set<String> topics = admin.listTopics(new ListTopicsOptions().listInternal(true)).names().get(5, TimeUnit.SECONDS);
    return KafkaNode.allHaveLeaders(admin, topics) ? null : "partitions without a leader";
  }

  private IllegalStateException startFailure(String what, Exception cause) {
    long pid = process.pid();
    if (process.isAlive()) {
      process.destroyForcibly();
      try {
        process.waitFor(KILL_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    return new IllegalStateException("Kafka process " + pid + " on " + bootstrapServers() + " " + what
        + "; the end of " + logFile() + ":\n" + logTail(), cause);
  }

  private void killQuietly() {
    try {
      kill();
    } catch (RuntimeException e) {
      LOG.warn("cannot kill {}: {}", this, e.toString());
    }
  }

  private static String readTail(Path file, int bytes) {
    try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "r")) {
      long start = Math.max(0, f.length() - bytes);
      byte[] buffer = new byte[(int) (f.length() - start)];
      f.seek(start);
      f.readFully(buffer);
      String tail = new String(buffer, StandardCharsets.UTF_8);
      return start == 0 ? tail : "[...]" + tail.substring(Math.max(0, tail.indexOf('\n')));
    } catch (IOException e) {
      return "(cannot read " + file + ": " + e + ")";
    }
  }

  private static String argfileQuote(String arg) {
    return '"' + arg.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
  }

  private static java.io.File nullDevice() {
    return new java.io.File(System.getProperty("os.name").startsWith("Windows") ? "NUL" : "/dev/null");
  }

  /**
   * The node's main class: halts the JVM as soon as the JVM that started it is gone (a test run that crashed or was
   * killed must not leave a broker behind), then runs {@code kafka.Kafka}. Not part of the API.
   */
  static final class Launcher {

    private Launcher() {}

    public static void main(String[] args) {
      String parent = System.getProperty(PARENT_PID_PROPERTY);
      if (parent != null) {
        ProcessHandle.of(Long.parseLong(parent)).ifPresentOrElse(
            handle -> handle.onExit().thenRun(Launcher::parentGone),
            Launcher::parentGone);
      }
      kafka.Kafka.main(args);
    }

    private static void parentGone() {
      System.err.println("the JVM that started this Kafka node is gone: halting");
      Runtime.getRuntime().halt(3);
    }
  }
}
