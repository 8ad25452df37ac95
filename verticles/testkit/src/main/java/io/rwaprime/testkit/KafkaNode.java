package io.rwaprime.testkit;

import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.StringSerializer;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * What tests do with a Kafka node of the harness, in-process ({@link KafkaBroker}) or in its own JVM
 * ({@link KafkaProcess}): client settings, an admin client, topics that are ready to use, a producer, the offsets a
 * consumer group committed.
 */
public interface KafkaNode {

  /** @return {@code 127.0.0.1:<port>}, for {@code bootstrap.servers} */
  String bootstrapServers();

  /** @return {@code bootstrap.servers} only: the start of a producer, consumer or admin configuration */
  default Map<String, Object> clientProperties() {
    Map<String, Object> props = new HashMap<>();
    props.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
    return props;
  }

  /** @return a new admin client for this node; <b>the caller must close it</b> or the JVM may not exit */
  default Admin createAdmin() {
    Map<String, Object> props = clientProperties();
    props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000);
    props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
    return Admin.create(props);
  }

  /** @return a producer of string keys and values with the client defaults (idempotent, acks=all); caller closes */
  default KafkaProducer<String, String> createProducer() {
    return new KafkaProducer<>(clientProperties(), new StringSerializer(), new StringSerializer());
  }

  /**
   * Creates a topic (replication factor 1) and waits until every partition has a leader. A topic that already
   * exists is left as it is.
   */
  default void createTopic(String name, int partitions) {
    try (Admin admin = createAdmin()) {
      try {
        admin.createTopics(List.of(new NewTopic(name, partitions, (short) 1))).all().get(30, TimeUnit.SECONDS);
      } catch (ExecutionException e) {
        if (!(e.getCause() instanceof TopicExistsException)) {
          throw e;
        }
      }
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (!allHaveLeaders(admin, List.of(name))) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("topic " + name + " has no leader for every partition after 30 s");
        }
        Thread.sleep(50);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while creating topic " + name, e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("cannot create topic " + name + " on " + bootstrapServers(), e);
    }
  }

  /**
   * @return the sum of the offsets {@code group} committed over all its partitions (0 when it committed none),
   *     or -1 when the node does not answer
   */
  static long committedOffsets(Admin admin, String group) {
    try {
      Map<org.apache.kafka.common.TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(group)
          .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
      return offsets.values().stream().filter(o -> o != null).mapToLong(OffsetAndMetadata::offset).sum();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    } catch (ExecutionException | TimeoutException e) {
      return -1;
    }
  }

  /** @return whether every partition of {@code topics} has a leader (false while the node does not know them yet) */
  static boolean allHaveLeaders(Admin admin, Collection<String> topics)
      throws ExecutionException, TimeoutException, InterruptedException {
    if (topics.isEmpty()) {
      return true;
    }
    Map<String, TopicDescription> described;
    try {
      described = admin.describeTopics(topics).allTopicNames().get(10, TimeUnit.SECONDS);
    } catch (ExecutionException notYetInTheBrokersMetadata) {
      return false;
    }
    return described.values().stream()
        .flatMap(d -> d.partitions().stream())
        .map(TopicPartitionInfo::leader)
        .allMatch(leader -> leader != null && !leader.isEmpty());
  }
}
