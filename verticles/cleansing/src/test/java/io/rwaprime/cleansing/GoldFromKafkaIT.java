package io.rwaprime.cleansing;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.rwaprime.common.assets.AssetCatalogue;
import io.rwaprime.common.bus.DeadLetters;
import io.rwaprime.common.config.RwaConfig;
import io.rwaprime.common.storage.Database;
import io.rwaprime.events.Addresses;
import io.rwaprime.events.Codecs;
import io.rwaprime.events.DeadLetter;
import io.rwaprime.events.Tick;
import io.rwaprime.testkit.KafkaBroker;
import io.rwaprime.testkit.KafkaNode;
import io.rwaprime.testkit.PostgresExtension;
import io.rwaprime.testkit.PostgresServer;
import io.vertx.core.Vertx;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import java.math.BigDecimal;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The gold writer on Kafka (issue 10) against a real broker and a real PostgreSQL: ticks stored from the topic, the
 * consumer killed between its database write and its offset commit, and the restarted one re-reading the batch with
 * no second effect; a value that is not a tick dead-lettered and committed past.
 */
@ExtendWith(PostgresExtension.class)
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class GoldFromKafkaIT {

  @Test
  void aConsumerKilledBetweenWriteAndCommitLeavesNoDuplicate(PostgresServer pg) throws Exception {
    KafkaBroker kafka = KafkaBroker.instance();
    String topic = kafka.createUniqueTopic("gold-ticks", 3);
    Vertx vertx = Vertx.vertx();
    Codecs.registerAll(vertx);
    String db = pg.createDatabase("gold");
    Database database = Database.open(vertx, new RwaConfig.Database(Optional.of(URI.create("postgresql://" + pg.host()
            + ":" + pg.port() + "/" + db)), pg.user(), pg.password(), 4, Path.of("unused"), 0, "unused"),
        AssetCatalogue.load()).await(1, TimeUnit.MINUTES);
    PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    List<DeadLetter> dead = new CopyOnWriteArrayList<>();
    vertx.eventBus().<DeadLetter>consumer(Addresses.DEAD_LETTER, m -> dead.add(m.body()));
    DeadLetters deadLetters = new DeadLetters(vertx, metrics);
    String group = "gold-" + System.nanoTime();
    try (KafkaProducer<String, String> producer = kafka.createProducer(); Admin admin = kafka.createAdmin()) {
      send(producer, topic, 0, 500);
      producer.send(new ProducerRecord<>(topic, "PAXG", "{\"not\": \"a tick\"}")).get();

      GoldTickConsumer crashing = new GoldTickConsumer(vertx, database.pool(), kafka.bootstrapServers(), topic, group,
          deadLetters, metrics, true);
      awaitThat(() -> !crashing.alive(), "the consumer dies after its first write");
      long storedBeforeCrash = rows(database);
      assertThat(storedBeforeCrash).isPositive();
      assertThat(KafkaNode.committedOffsets(admin, group)).as("nothing committed: it died before the commit").isZero();

      GoldTickConsumer restarted = new GoldTickConsumer(vertx, database.pool(), kafka.bootstrapServers(), topic, group,
          deadLetters, metrics);
      awaitThat(() -> KafkaNode.committedOffsets(admin, group) == 501, "the restarted consumer commits past every record");
      assertThat(rows(database)).as("the re-read batch had no second effect").isEqualTo(500);
      // the crashed consumer's batch held the bad value too: re-read, it is dead-lettered again under the same id
      assertThat(dead).isNotEmpty().allSatisfy(d -> assertThat(d.reasonCode()).isEqualTo("gold.undecodable"));
      assertThat(dead).extracting(DeadLetter::eventId).containsOnly(dead.get(0).eventId());

      send(producer, topic, 500, 300);
      awaitThat(() -> KafkaNode.committedOffsets(admin, group) == 801, "later ticks are stored and committed");
      assertThat(rows(database)).isEqualTo(800);
      restarted.close();
    } finally {
      database.close().await(30, TimeUnit.SECONDS);
      vertx.close().await(30, TimeUnit.SECONDS);
    }
  }

  private static void send(KafkaProducer<String, String> producer, String topic, int from, int count) throws Exception {
    Instant base = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofMinutes(30));
    for (int i = from; i < from + count; i++) {
      String symbol = i % 2 == 0 ? "PAXG" : "XAUT";
      Tick t = new Tick("gold-" + i, symbol, "kafka-test", new BigDecimal("2650.25"), BigDecimal.ONE, "USD",
          base.plusMillis(i), base.plusMillis(i), i);
      producer.send(new ProducerRecord<>(topic, symbol, t.toJson().encode()));
    }
    producer.flush();
  }

  private static long rows(Database database) {
    try {
      return database.pool().query("SELECT count(*) AS n FROM ticks WHERE source = 'kafka-test'").execute()
          .await(10, TimeUnit.SECONDS).iterator().next().getLong("n");
    } catch (java.util.concurrent.TimeoutException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void awaitThat(BooleanSupplier condition, String what) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting until " + what);
      }
      Thread.sleep(100);
    }
  }
}
