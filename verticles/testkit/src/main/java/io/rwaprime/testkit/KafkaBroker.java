package io.rwaprime.testkit;

import kafka.server.BrokerServer;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.network.ListenerName;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.PreboundSocketFactoryManager;
import org.apache.kafka.common.test.TestKitNodes;
import org.apache.kafka.metadata.BrokerState;
import org.apache.kafka.metadata.bootstrap.BootstrapMetadata;
import org.apache.kafka.server.common.Feature;
import org.apache.kafka.server.common.MetadataVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.lang.reflect.Field;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * A real Apache Kafka 4.3 node in KRaft mode (one combined broker and controller, {@code KafkaClusterTestKit}) that
 * runs inside the test JVM, listening on {@code 127.0.0.1} on free ports (PLAINTEXT), with its logs in a temporary
 * folder that is deleted when it stops.
 *
 * <p><b>Sharing.</b> One broker per JVM: {@link #instance()} starts it on first use and every later call returns
 * the same broker; a JVM shutdown hook stops it. Tests isolate themselves with their own topics
 * ({@link #createUniqueTopic(String, int)}) and consumer groups.
 *
 * <p><b>Single-node settings.</b> Replication factor 1 for the internal topics (one partition each),
 * {@code group.initial.rebalance.delay.ms=0}, automatic topic creation on (the Kafka default), production metadata
 * version and no unstable APIs, few threads.
 *
 * <p><b>Faults.</b> {@link #stop()} shuts the broker down (its controller keeps running, so the metadata survives)
 * and its port refuses connections; {@link #start()} starts it again on the same port with its data intact.
 * Tests that stop the shared broker must start it again before they finish.
 */
public final class KafkaBroker implements KafkaNode {

  private static final Logger LOG = LoggerFactory.getLogger(KafkaBroker.class);
  private static final Lazy<KafkaBroker> INSTANCE = new Lazy<>("Kafka", KafkaBroker::startBroker, KafkaBroker::close);
  private static final String HOST = "127.0.0.1";
  private static final AtomicInteger TOPICS = new AtomicInteger();

  private final KafkaClusterTestKit cluster;
  private final BrokerServer broker;
  private final int port;
  private final int controllerPort;
  private final Duration startupTime;
  private boolean running = true;

  private KafkaBroker(KafkaClusterTestKit cluster, int port, int controllerPort, Duration startupTime) {
    this.cluster = cluster;
    this.broker = cluster.brokers().values().iterator().next();
    this.port = port;
    this.controllerPort = controllerPort;
    this.startupTime = startupTime;
  }

  /** @return the JVM-wide broker, started by the first call (a few seconds) */
  public static KafkaBroker instance() {
    return INSTANCE.get();
  }

  /** @return {@code 127.0.0.1:<port>}, for {@code bootstrap.servers} */
  @Override
  public String bootstrapServers() {
    return HOST + ":" + port;
  }

  /** @return {@code 127.0.0.1} */
  public String host() {
    return HOST;
  }

  /** @return the broker's client port; the same across {@link #stop()} and {@link #start()} */
  public int port() {
    return port;
  }

  /** @return the KRaft controller's port (clients never need it) */
  public int controllerPort() {
    return controllerPort;
  }

  /** @return how long the first start took, until the broker was registered, unfenced and serving metadata */
  public Duration startupTime() {
    return startupTime;
  }

  /**
   * Creates a topic with a unique name, as {@link #createTopic(String, int)} does.
   *
   * @param prefix the start of the name; characters other than {@code [A-Za-z0-9._-]} become {@code _}
   * @return the new topic's name, e.g. {@code prices-7-3fa2c1}
   */
  public String createUniqueTopic(String prefix, int partitions) {
    String p = prefix == null || prefix.isEmpty() ? "topic" : prefix.replaceAll("[^A-Za-z0-9._-]", "_");
    if (p.length() > 180) {
      p = p.substring(0, 180);
    }
    String name = p + "-" + TOPICS.incrementAndGet() + "-"
        + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x100000, 0xffffff)).toLowerCase(Locale.ROOT);
    createTopic(name, partitions);
    return name;
  }

  /** @return the names of the topics, without Kafka's internal ones */
  public Set<String> listTopics() {
    try (Admin admin = createAdmin()) {
      return admin.listTopics().names().get(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
      throw new IllegalStateException("cannot list topics", e);
    }
  }

  /** @return whether the broker is running (not {@link #stop() stopped}) */
  public synchronized boolean isRunning() {
    return running;
  }

  /**
   * Shuts the broker down, as a crashed or stopped broker looks to its clients: its port refuses connections. The
   * controller keeps running. Does nothing if the broker is stopped already.
   */
  public synchronized void stop() {
    if (!running) {
      return;
    }
    long t0 = System.nanoTime();
    broker.shutdown();
    broker.awaitShutdown();
    running = false;
    LOG.info("Kafka broker on port {} stopped in {} ms", port, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0));
  }

  /**
   * Starts the broker again after {@link #stop()}, on the same port and with its data, and waits until it is
   * registered and unfenced. Does nothing if it is running.
   */
  public synchronized void start() {
    if (running) {
      return;
    }
    long t0 = System.nanoTime();
    broker.startup();
    if (broker.brokerState() != BrokerState.RUNNING) {
      throw new IllegalStateException("Kafka broker did not come back: " + broker.brokerState());
    }
    running = true;
    LOG.info("Kafka broker restarted on {} in {} ms", bootstrapServers(),
        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0));
  }

  /** {@link #stop()} then {@link #start()}. */
  public synchronized void restart() {
    stop();
    start();
  }

  @Override
  public String toString() {
    return "KafkaBroker[" + bootstrapServers() + "]";
  }

  // ---------------------------------------------------------------------------------------------------------------

  private static KafkaBroker startBroker() {
    long t0 = System.nanoTime();
    KafkaClusterTestKit cluster = null;
    try {
      MetadataVersion version = MetadataVersion.latestProduction();
      BootstrapMetadata bootstrap = BootstrapMetadata.fromVersions(version,
          Feature.PRODUCTION_FEATURES.stream().collect(Collectors.toMap(Feature::featureName,
              f -> f.defaultLevel(version), (a, b) -> a, TreeMap::new)),
          "rwa-testkit");
      TestKitNodes nodes = new TestKitNodes.Builder(bootstrap)
          .setCombined(true)
          .setNumBrokerNodes(1)
          .setNumControllerNodes(1)
          .setBaseDirectory(Files.createTempDirectory("rwa-testkit-kafka-"))
          .build();
      String brokerListener = nodes.brokerListenerName().value();
      String controllerListener = nodes.controllerListenerName().value();
      int nodeId = nodes.brokerNodes().firstKey();

      KafkaClusterTestKit.Builder builder = new KafkaClusterTestKit.Builder(nodes);
      Map<String, Object> config = brokerConfig(brokerListener, controllerListener);
      config.forEach(builder::setConfigProp);
      int[] ports = bindToLoopback(builder, nodeId, brokerListener, controllerListener);

      cluster = builder.build();
      cluster.format();
      cluster.startup();
      cluster.waitForReadyBrokers();
      BrokerServer broker = cluster.brokers().get(nodeId);
      int port = broker.boundPort(ListenerName.normalised(brokerListener));
      int controllerPort = ports != null ? ports[1] : -1;
      Duration took = Duration.ofNanos(System.nanoTime() - t0);
      KafkaBroker kafka = new KafkaBroker(cluster, port, controllerPort, took);
      LOG.info("Kafka {} broker started on {} in {} ms (KRaft controller on port {})",
          org.apache.kafka.common.utils.AppInfoParser.getVersion(), kafka.bootstrapServers(), took.toMillis(),
          controllerPort);
      return kafka;
    } catch (Exception e) {
      if (cluster != null) {
        try {
          cluster.close();
        } catch (Exception suppressed) {
          e.addSuppressed(suppressed);
        }
      }
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      throw new IllegalStateException("cannot start the Kafka broker", e);
    }
  }

  private static Map<String, Object> brokerConfig(String brokerListener, String controllerListener) {
    Map<String, Object> c = new HashMap<>();
    c.put("listeners", brokerListener + "://" + HOST + ":0," + controllerListener + "://" + HOST + ":0");
    c.put("unstable.api.versions.enable", "false");
    c.put("unstable.feature.versions.enable", "false");
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
    // a restarted broker can register again only once the controller has expired its previous session
    // (DUPLICATE_BROKER_REGISTRATION until then): 4 s instead of 9 s; heartbeats every 0.5 s instead of 2 s
    c.put("broker.session.timeout.ms", "4000");
    c.put("broker.heartbeat.interval.ms", "500");
    return c;
  }

  /**
   * KafkaClusterTestKit pre-binds every listener to the wildcard address; replace those sockets with ones bound to
   * {@code 127.0.0.1} before the servers are built. When the broker restarts, the test kit binds the same port
   * again on the host of its {@code listeners} entry, which is {@code 127.0.0.1} too. Uses reflection into the
   * test kit (there is no API for it); if that fails the broker still works, on the wildcard address.
   *
   * @return the broker and controller ports, or null where the test kit chose them
   */
  private static int[] bindToLoopback(KafkaClusterTestKit.Builder builder, int nodeId, String... listeners) {
    try {
      Field managerField = KafkaClusterTestKit.Builder.class.getDeclaredField("socketFactoryManager");
      managerField.setAccessible(true);
      PreboundSocketFactoryManager manager = (PreboundSocketFactoryManager) managerField.get(builder);
      Field socketsField = PreboundSocketFactoryManager.class.getDeclaredField("sockets");
      socketsField.setAccessible(true);
      @SuppressWarnings("unchecked")
      Map<Integer, Map<String, ServerSocketChannel>> sockets =
          (Map<Integer, Map<String, ServerSocketChannel>>) socketsField.get(manager);
      int[] ports = new int[listeners.length];
      synchronized (manager) {
        Map<String, ServerSocketChannel> forNode = sockets.computeIfAbsent(nodeId, id -> new HashMap<>());
        for (int i = 0; i < listeners.length; i++) {
          // as Kafka's own ServerSocketFactory opens them: non-blocking, default backlog
          ServerSocketChannel channel = ServerSocketChannel.open();
          channel.configureBlocking(false);
          channel.socket().bind(new InetSocketAddress(HOST, 0));
          forNode.put(listeners[i], channel);
          ports[i] = ((InetSocketAddress) channel.getLocalAddress()).getPort();
        }
      }
      return ports;
    } catch (ReflectiveOperationException | RuntimeException | IOException e) {
      LOG.warn("cannot pre-bind the Kafka listeners to {} ({}); they listen on all interfaces", HOST, e.toString());
      return null;
    }
  }

  private static void close(KafkaBroker kafka) {
    try {
      kafka.cluster.close();
    } catch (Exception e) {
      LOG.warn("Kafka did not stop cleanly: {}", e.toString());
    }
  }
}
