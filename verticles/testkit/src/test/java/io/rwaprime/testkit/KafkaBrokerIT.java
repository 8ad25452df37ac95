package io.rwaprime.testkit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.ConnectException;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@ExtendWith(KafkaExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class KafkaBrokerIT {

  @Test
  @Order(1)
  void producesAndConsumesOneRecord(KafkaBroker kafka) throws Exception {
    System.out.println("Kafka start-up: " + kafka.startupTime().toMillis() + " ms on " + kafka.bootstrapServers());
    assertThat(kafka.bootstrapServers()).isEqualTo("127.0.0.1:" + kafka.port());
    assertThat(kafka.port()).isNotEqualTo(9092);
    String topic = kafka.createUniqueTopic("it.roundtrip", 3);

    RecordMetadata sent = produce(kafka, topic, "asset-1", "price=101.5");
    assertThat(sent.topic()).isEqualTo(topic);
    assertThat(sent.offset()).isZero();

    List<ConsumerRecord<String, String>> got = consume(kafka, topic, 1);
    assertThat(got).hasSize(1);
    assertThat(got.get(0).key()).isEqualTo("asset-1");
    assertThat(got.get(0).value()).isEqualTo("price=101.5");
    assertThat(got.get(0).partition()).isEqualTo(sent.partition());
  }

  @Test
  @Order(2)
  void listsTopicsWithAnAdminClient(KafkaBroker kafka) throws Exception {
    String topic = "it.listed." + UUID.randomUUID();
    kafka.createTopic(topic, 2);
    kafka.createTopic(topic, 2); // exists already: left as it is
    try (Admin admin = kafka.createAdmin()) {
      Set<String> names = admin.listTopics().names().get(30, TimeUnit.SECONDS);
      assertThat(names).contains(topic);
      assertThat(admin.describeTopics(List.of(topic)).allTopicNames().get(30, TimeUnit.SECONDS)
          .get(topic).partitions()).hasSize(2);
      assertThat(admin.describeCluster().nodes().get(30, TimeUnit.SECONDS))
          .singleElement().satisfies(n -> {
            assertThat(n.host()).isEqualTo("127.0.0.1");
            assertThat(n.port()).isEqualTo(kafka.port());
          });
    }
    assertThat(kafka.listTopics()).contains(topic);
  }

  @Test
  @Order(3)
  void stopsAndStartsAgainOnTheSamePortWithItsData(KafkaBroker kafka) throws Exception {
    String topic = kafka.createUniqueTopic("it.restart", 1);
    produce(kafka, topic, "k", "before");
    int port = kafka.port();

    long t0 = System.nanoTime();
    kafka.stop();
    try {
      assertThat(kafka.isRunning()).isFalse();
      assertThatThrownBy(() -> new Socket("127.0.0.1", port).close()).isInstanceOf(ConnectException.class);
    } finally {
      kafka.start();
    }
    System.out.println("Kafka stop + start: " + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0) + " ms");
    assertThat(kafka.isRunning()).isTrue();
    assertThat(kafka.port()).isEqualTo(port);

    produce(kafka, topic, "k", "after");
    List<ConsumerRecord<String, String>> got = consume(kafka, topic, 2);
    assertThat(got).extracting(ConsumerRecord::value).containsExactly("before", "after");
  }

  private static RecordMetadata produce(KafkaBroker kafka, String topic, String key, String value) throws Exception {
    Map<String, Object> props = kafka.clientProperties();
    props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
    props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    try (KafkaProducer<String, String> producer = new KafkaProducer<>(props)) {
      return producer.send(new ProducerRecord<>(topic, key, value)).get(60, TimeUnit.SECONDS);
    }
  }

  private static List<ConsumerRecord<String, String>> consume(KafkaBroker kafka, String topic, int count) {
    Map<String, Object> props = kafka.clientProperties();
    props.put(ConsumerConfig.GROUP_ID_CONFIG, "it-" + UUID.randomUUID());
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
    props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
    List<ConsumerRecord<String, String>> got = new ArrayList<>();
    try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props)) {
      consumer.subscribe(List.of(topic));
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (got.size() < count && System.nanoTime() < deadline) {
        ConsumerRecords<String, String> records = consumer.poll(Duration.ofMillis(200));
        records.forEach(got::add);
      }
    }
    return got;
  }
}
