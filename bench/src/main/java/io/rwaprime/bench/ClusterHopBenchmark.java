package io.rwaprime.bench;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import io.rwaprime.events.Codecs;
import io.rwaprime.events.Tick;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.eventbus.EventBusOptions;
import io.vertx.spi.cluster.hazelcast.ConfigUtil;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;

import java.io.File;
import java.math.BigDecimal;
import java.net.ServerSocket;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Issue 10: the cost of one clustered event-bus hop. Ticks (binary codec) published in one process and counted by a
 * consumer in a second process (a child JVM on the same machine, Hazelcast over loopback), against the same ticks
 * to a consumer in the publishing process, in the same run. Prints messages/s both ways and the ratio.
 *
 * <p>{@code java -cp bench/target/benchmarks.jar io.rwaprime.bench.ClusterHopBenchmark [messages] [trials]}
 */
public final class ClusterHopBenchmark {

  private static final String ADDRESS = "bench.hop";

  private ClusterHopBenchmark() {}

  public static void main(String[] args) throws Exception {
    if (args.length > 0 && args[0].equals("receiver")) {
      receiver(Integer.parseInt(args[1]), Integer.parseInt(args[2]));
      return;
    }
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
    int trials = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    int portA = freePort();
    int portB = freePort();
    Process child = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"), "-Xmx512m", "-cp",
        System.getProperty("java.class.path"), ClusterHopBenchmark.class.getName(), "receiver",
        Integer.toString(portB), Integer.toString(portA))
        .redirectErrorStream(true).redirectOutput(new File("target/cluster-hop-receiver.log")).start();
    Vertx vertx = clustered(portA, portB);
    try {
      AtomicLong local = new AtomicLong();
      vertx.eventBus().<Tick>localConsumer(ADDRESS + ".local", m -> local.incrementAndGet());
      // the receiver answers on bench.hop.count with how many it got
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (true) {
        try {
          vertx.eventBus().request(ADDRESS + ".count", "").await(2, TimeUnit.SECONDS);
          break;
        } catch (Exception e) {
          if (System.nanoTime() > deadline) {
            throw new IllegalStateException("the receiver process did not join", e);
          }
          Thread.sleep(500);
        }
      }
      System.out.println("| trial | in-process (msgs/s) | across two processes (msgs/s) | across / in-process |");
      System.out.println("|---:|---:|---:|---:|");
      for (int t = 1; t <= trials; t++) {
        Tick tick = new Tick("hop", "PAXG", "bench", new BigDecimal("2650.25"), BigDecimal.ONE, "USD", Instant.now(),
            Instant.now(), t);
        local.set(0);
        long t0 = System.nanoTime();
        publish(vertx, ADDRESS + ".local", tick, n);
        while (local.get() < n) {
          Thread.sleep(1);
        }
        double inProcess = n / ((System.nanoTime() - t0) / 1e9);
        vertx.eventBus().request(ADDRESS + ".reset", "").await(10, TimeUnit.SECONDS);
        long t1 = System.nanoTime();
        publish(vertx, ADDRESS, tick, n);
        while ((long) (Long) vertx.eventBus().request(ADDRESS + ".count", "").await(10, TimeUnit.SECONDS).body() < n) {
          Thread.sleep(5);
        }
        double across = n / ((System.nanoTime() - t1) / 1e9);
        System.out.printf("| %d | %,.0f | %,.0f | %.2f× |%n", t, inProcess, across, across / inProcess);
      }
    } finally {
      vertx.close().await(30, TimeUnit.SECONDS);
      child.destroy();
      child.waitFor(10, TimeUnit.SECONDS);
    }
    System.exit(0);
  }

  private static void publish(Vertx vertx, String address, Tick tick, int n) throws InterruptedException {
    int chunk = 1_000;
    for (int i = 0; i < n; i += chunk) {
      int count = Math.min(chunk, n - i);
      CountDownLatch done = new CountDownLatch(1);
      vertx.runOnContext(v -> {
        for (int k = 0; k < count; k++) {
          vertx.eventBus().publish(address, tick);
        }
        done.countDown();
      });
      done.await();
    }
  }

  private static void receiver(int port, int other) throws Exception {
    Vertx vertx = clustered(port, other);
    AtomicLong count = new AtomicLong();
    vertx.eventBus().<Tick>consumer(ADDRESS, m -> count.incrementAndGet());
    vertx.eventBus().consumer(ADDRESS + ".count", m -> m.reply(count.get()));
    vertx.eventBus().consumer(ADDRESS + ".reset", m -> {
      count.set(0);
      m.reply("ok");
    });
    new CountDownLatch(1).await();
  }

  private static Vertx clustered(int port, int other) throws Exception {
    Config hz = ConfigUtil.loadConfig();
    hz.setClusterName("bench-hop-" + Math.min(port, other));
    hz.setProperty("hazelcast.logging.type", "slf4j");
    hz.setProperty("hazelcast.phone.home.enabled", "false");
    hz.getNetworkConfig().setPort(port).setPortAutoIncrement(false);
    hz.getNetworkConfig().getInterfaces().setEnabled(true).addInterface("127.0.0.1");
    JoinConfig join = hz.getNetworkConfig().getJoin();
    join.getMulticastConfig().setEnabled(false);
    join.getAutoDetectionConfig().setEnabled(false);
    join.getTcpIpConfig().setEnabled(true).addMember("127.0.0.1:" + port).addMember("127.0.0.1:" + other);
    Vertx vertx = Vertx.builder().with(new VertxOptions().setEventBusOptions(new EventBusOptions().setHost("127.0.0.1")
            .setClusterPublicHost("127.0.0.1")))
        .withClusterManager(new HazelcastClusterManager(hz)).buildClustered().await(60, TimeUnit.SECONDS);
    Codecs.registerAll(vertx);
    return vertx;
  }

  private static int freePort() throws Exception {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
