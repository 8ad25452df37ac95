package io.rwaprime.ingestion;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.rwaprime.common.bus.DeadLetters;
import io.rwaprime.events.Addresses;
import io.rwaprime.events.Codecs;
import io.rwaprime.events.DeadLetter;
import io.rwaprime.events.RawRecord;
import io.rwaprime.events.RecordKind;
import io.rwaprime.ingestion.bronze.BronzeArchive;
import io.rwaprime.ingestion.bronze.BronzeReader;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

class RawIngressTest {

  @TempDir
  Path tmp;

  private Vertx vertx;
  private final List<DeadLetter> deadLetters = new CopyOnWriteArrayList<>();
  private final List<RawRecord> forwarded = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
    Codecs.registerAll(vertx);
    vertx.eventBus().<DeadLetter>consumer(Addresses.DEAD_LETTER, m -> deadLetters.add(m.body()));
    vertx.eventBus().<RawRecord>consumer(Addresses.RAW_PRICE, m -> forwarded.add(m.body()));
  }

  @AfterEach
  void stop() {
    vertx.close().await();
  }

  @Test
  void aTenMegabytePayloadIsDeadLetteredNotArchivedNorForwarded() throws Exception {
    BronzeArchive bronze = new BronzeArchive(tmp);
    RawIngress ingress = new RawIngress(vertx, 1024 * 1024, Optional.of(bronze), Optional.empty(), Duration.ofMillis(50),
        new DeadLetters(vertx, new SimpleMeterRegistry()), new SimpleMeterRegistry());
    String huge = "{\"symbol\":\"PAXG\",\"note\":\"" + "x".repeat(10 * 1024 * 1024) + "\"}";
    assertThat(ingress.accept(new RawRecord("big-1", "push:acme", RecordKind.PRICE, Instant.now(), huge))).isFalse();
    assertThat(ingress.accept(new RawRecord("ok-1", "push:acme", RecordKind.PRICE, Instant.now(),
        "{\"symbol\":\"PAXG\",\"price\":\"1\",\"ts\":\"2026-11-23T00:00:00Z\"}"))).isTrue();
    ingress.acceptDurably(List.of()).await();
    vertx.timer(200).await();
    assertThat(deadLetters).singleElement().satisfies(d -> {
      assertThat(d.reasonCode()).isEqualTo("payload.too-large");
      assertThat(d.eventId()).isEqualTo("big-1");
      assertThat(d.payload().length()).isLessThan(70_000);
    });
    assertThat(forwarded).extracting(RawRecord::eventId).containsExactly("ok-1");
    LocalDate today = LocalDate.now(ZoneOffset.UTC);
    try (BronzeReader.Cursor c = new BronzeReader(tmp).read("push:acme", today.minusDays(1), today.plusDays(1))) {
      assertThat(c.stream().map(RawRecord::eventId).toList()).containsExactly("ok-1");
    }
    ingress.close().await();
  }
}
