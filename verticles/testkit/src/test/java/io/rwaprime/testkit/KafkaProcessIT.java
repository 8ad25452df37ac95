package io.rwaprime.testkit;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A Kafka node in its own JVM, killed with SIGKILL while an idempotent producer streams into it and started again on
 * the same ports and data: every acknowledged record is there exactly once, and no record is there twice. A node
 * whose test JVM is killed halts by itself.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class KafkaProcessIT {

  private static final int RECORDS = 20_000;
  private static final int KILL_AFTER_ACKS = 5_000;
  /** Sends are paced (2,000 a second) so that the kill lands in the middle of the stream, not after it. */
  private static final long NANOS_PER_SEND = TimeUnit.MILLISECONDS.toNanos(1) / 2;

  @TempDir
  Path dir;

  @Test
  void acknowledgedRecordsSurviveAKillNineExactlyOnce() throws Exception {
    try (KafkaProcess kafka = KafkaProcess.start(dir.resolve("kafka"))) {
      System.out.println("Kafka process " + kafka.pid() + " started in " + kafka.lastStartupTime().toMillis()
          + " ms on " + kafka.bootstrapServers());
      assertThat(kafka.bootstrapServers()).isEqualTo("127.0.0.1:" + kafka.port());
      assertThat(kafka.isRunning()).isTrue();
      assertThat(ProcessHandle.of(kafka.pid())).isPresent();
      String topic = "it.kill9";
      kafka.createTopic(topic, 3);

      Set<Integer> acked = ConcurrentHashMap.newKeySet();
      Map<Integer, Exception> failed = new ConcurrentHashMap<>();
      AtomicInteger sent = new AtomicInteger();
      AtomicInteger completions = new AtomicInteger();
      Thread sender;
      try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerConfig(kafka))) {
        sender = new Thread(() -> {
          long t0 = System.nanoTime();
          for (int i = 0; i < RECORDS; i++) {
            long due = t0 + i * NANOS_PER_SEND;
            while (System.nanoTime() < due) {
              LockSupport.parkNanos(due - System.nanoTime());
            }
            int n = i;
            producer.send(new ProducerRecord<>(topic, "k" + n, value(n)), (metadata, e) -> {
              if (e == null) {
                acked.add(n);
              } else {
                failed.put(n, e);
              }
              completions.incrementAndGet();
            });
            sent.incrementAndGet();
          }
        }, "kafka-process-it-producer");
        sender.start();

        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (acked.size() < KILL_AFTER_ACKS && failed.isEmpty() && System.nanoTime() < deadline) {
          Thread.sleep(5);
        }
        assertThat(failed).as("failed sends before the kill").isEmpty();
        assertThat(acked.size()).as("acks before the kill").isGreaterThanOrEqualTo(KILL_AFTER_ACKS);

        long pidBefore = kafka.pid();
        kafka.kill();
        int sentAtKill = sent.get();
        int ackedAtKill = acked.size();
        System.out.println("killed Kafka process " + pidBefore + " after " + ackedAtKill + " acks, " + sentAtKill
            + " sends");
        assertThat(kafka.isRunning()).isFalse();
        assertThat(ProcessHandle.of(pidBefore).filter(ProcessHandle::isAlive)).isEmpty();
        assertThat(sentAtKill).as("the producer is still in the middle of its stream").isLessThan(RECORDS);

        kafka.restart();
        System.out.println("Kafka process " + kafka.pid() + " restarted in " + kafka.lastStartupTime().toMillis()
            + " ms; acks meanwhile: " + (acked.size() - ackedAtKill));
        assertThat(kafka.isRunning()).isTrue();
        assertThat(kafka.pid()).isNotEqualTo(pidBefore);
        assertThat(kafka.bootstrapServers()).isEqualTo("127.0.0.1:" + kafka.port());
        assertThatThrownBy(kafka::restart).isInstanceOf(IllegalStateException.class).hasMessageContaining("kill()");

        sender.join(TimeUnit.SECONDS.toMillis(60));
        assertThat(sender.isAlive()).as("producer thread still sending").isFalse();
        producer.flush();
      }
      assertThat(completions.get()).isEqualTo(RECORDS);
      assertThat(failed).as("sends that failed although the node came back within the delivery timeout").isEmpty();
      assertThat(acked).hasSize(RECORDS);

      Map<String, Integer> seen = consumeAll(kafka, topic);
      Map<String, Integer> duplicates = seen.entrySet().stream().filter(e -> e.getValue() > 1)
          .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
      assertThat(duplicates).as("values stored more than once").isEmpty();
      List<String> missing = acked.stream().sorted().map(KafkaProcessIT::value).filter(v -> !seen.containsKey(v))
          .toList();
      assertThat(missing).as("acknowledged values missing after the restart").isEmpty();
      Set<String> all = IntStream.range(0, RECORDS).mapToObj(KafkaProcessIT::value).collect(Collectors.toSet());
      assertThat(all).containsAll(seen.keySet());

      String log = Files.readString(kafka.logFile());
      assertThat(log).contains("=== start 1 ", "=== start 2 ");
    }
  }

  @Test
  void aKilledTestJvmLeavesNoNodeBehind() throws Exception {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process parent = new ProcessBuilder(java.toString(), "-Xmx128m", "-XX:+UseSerialGC", "-cp",
        System.getProperty("java.class.path"), StartsANodeAndWaits.class.getName(), dir.resolve("orphan").toString())
        .redirectErrorStream(true).start();
    long nodePid = -1;
    StringBuilder output = new StringBuilder();
    try (BufferedReader lines = new BufferedReader(new InputStreamReader(parent.getInputStream()))) {
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        output.append(line).append('\n');
        if (line.startsWith("node pid ")) {
          nodePid = Long.parseLong(line.substring("node pid ".length()).strip());
          break;
        }
      }
      assertThat(nodePid).as("the node's pid, printed by the JVM that started it:\n" + output).isPositive();
      ProcessHandle node = ProcessHandle.of(nodePid).orElseThrow();
      assertThat(node.isAlive()).isTrue();

      parent.destroyForcibly().waitFor(30, TimeUnit.SECONDS); // SIGKILL: no shutdown hook runs
      node.onExit().get(30, TimeUnit.SECONDS);
      assertThat(node.isAlive()).isFalse();
      assertThat(Files.readString(dir.resolve("orphan").resolve(KafkaProcess.LOG_FILE)))
          .contains("the JVM that started this Kafka node is gone");
    } finally {
      parent.destroyForcibly();
      if (nodePid > 0) {
        ProcessHandle.of(nodePid).ifPresent(ProcessHandle::destroyForcibly);
      }
    }
  }

  /** Starts a node in the folder given and waits to be killed. */
  static final class StartsANodeAndWaits {
    public static void main(String[] args) throws InterruptedException {
      KafkaProcess kafka = KafkaProcess.start(Path.of(args[0]));
      System.out.println("node pid " + kafka.pid());
      Thread.sleep(Long.MAX_VALUE);
    }
  }

  @Test
  void refusesADataDirectoryThatIsNotEmpty() throws Exception {
    Files.writeString(dir.resolve("something"), "x");
    assertThatThrownBy(() -> KafkaProcess.start(dir))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not empty");
  }

  private static String value(int n) {
    return String.format("v%05d", n);
  }

  private static Map<String, Object> producerConfig(KafkaProcess kafka) {
    Map<String, Object> props = kafka.clientProperties();
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 120_000);
    props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
    props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
    props.put(ProducerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 500);
    props.put(ProducerConfig.RETRY_BACKOFF_MAX_MS_CONFIG, 500);
    props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
    props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
    return props;
  }

  /** @return every value in the topic, from the start to the end offsets of now, with how often it occurs */
  private static Map<String, Integer> consumeAll(KafkaProcess kafka, String topic) {
    Map<String, Object> props = kafka.clientProperties();
    props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
    props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    Map<String, Integer> seen = new HashMap<>();
    try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props)) {
      List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
          .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
      assertThat(partitions).hasSize(3);
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(30));
      System.out.println("end offsets after the restart: " + end);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
        assertThat(System.nanoTime()).as("consumed up to the end offsets within 60 s").isLessThan(deadline);
        for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
          seen.merge(r.value(), 1, Integer::sum);
        }
      }
    }
    return seen;
  }
}
