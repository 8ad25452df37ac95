package io.rwaprime.fanout;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.rwaprime.events.Addresses;
import io.rwaprime.events.OnchainEvent;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The hub without sockets: fake sinks, flushes driven by the test, messages appended to a real {@link Feed}. */
class ClientHubTest {

  /** A sink that records its frames and is full when told. */
  static final class FakeSink implements Client.Sink {
    final List<String> frames = new ArrayList<>();
    boolean full;

    @Override
    public boolean writeQueueFull() {
      return full;
    }

    @Override
    public void write(String frame) {
      frames.add(frame);
    }

    /** The stream items of every frame, in order. */
    List<JsonObject> items() {
      List<JsonObject> out = new ArrayList<>();
      frames.forEach(f -> new JsonArray(f).forEach(o -> out.add((JsonObject) o)));
      return out;
    }

    List<Long> seqs(String channel) {
      return items().stream().filter(j -> j.getString("channel").equals(channel)).map(j -> j.getLong("seq")).toList();
    }
  }

  Feed feed;
  FanoutMetrics metrics;
  SimpleMeterRegistry registry;
  ClientHub hub;

  @BeforeEach
  void setUp() {
    feed = new Feed(100, 60_000, Clock.systemUTC());
    registry = new SimpleMeterRegistry();
    metrics = new FanoutMetrics(registry);
    hub = new ClientHub(feed, metrics, 8);
  }

  void tick(String symbol, double price) {
    feed.append("rwa.ticks." + symbol, new JsonObject().put("symbol", symbol).put("price", price));
  }

  Client stream(FakeSink sink, String... channels) {
    Client c = hub.attach(sink, sink, false);
    for (String ch : channels) {
      hub.subscribe(c, ch);
    }
    return c;
  }

  @Test
  @DisplayName("clients following the same channels get the same frame, built once; others get their own part")
  void sharedFrame() {
    FakeSink a = new FakeSink();
    FakeSink b = new FakeSink();
    FakeSink onlyGold = new FakeSink();
    FakeSink bridge = new FakeSink();
    stream(a, "ticks.PAXG", "ticks.XAUT");
    stream(b, "ticks.XAUT", "ticks.PAXG");
    stream(onlyGold, "ticks.PAXG");
    Client br = hub.attach(bridge, bridge, true);
    hub.subscribe(br, "ticks.PAXG");
    tick("PAXG", 1);
    tick("XAUT", 2);
    tick("PAXG", 3);
    hub.flush();

    assertThat(a.frames).hasSize(1);
    assertThat(b.frames.get(0)).isSameAs(a.frames.get(0));
    // conflated to the latest value per symbol, in the order the values arrived
    assertThat(a.items()).extracting(j -> j.getJsonObject("data").getDouble("price")).containsExactly(2.0, 3.0);
    assertThat(onlyGold.seqs("ticks.PAXG")).containsExactly(2L);
    assertThat(onlyGold.seqs("ticks.XAUT")).isEmpty();
    JsonObject rec = new JsonObject(bridge.frames.get(0));
    assertThat(rec.getString("type")).isEqualTo("rec");
    assertThat(rec.getString("address")).isEqualTo(ClientHub.BATCH_ADDRESS);
    assertThat(rec.getJsonArray("body").getJsonObject(0).getString("address")).isEqualTo("rwa.ticks.PAXG");
    assertThat(registry.counter("rwa.fanout.conflated").count()).isEqualTo(1);
    assertThat(registry.counter("rwa.fanout.messages").count()).isEqualTo(2 + 2 + 1 + 1);

    hub.flush();
    assertThat(a.frames).as("nothing new, no frame").hasSize(1);
  }

  @Test
  @DisplayName("a client whose connection is full is skipped, conflates on its own, then catches up and rejoins")
  void slowClientConflatesAndCatchesUp() {
    FakeSink fast = new FakeSink();
    FakeSink slow = new FakeSink();
    stream(fast, "ticks.PAXG", "ticks.XAUT");
    stream(slow, "ticks.PAXG", "ticks.XAUT");
    slow.full = true;
    for (int w = 1; w <= 5; w++) {
      tick("PAXG", w);
      tick("XAUT", 100 + w);
      hub.flush();
    }
    assertThat(fast.frames).hasSize(5);
    assertThat(slow.frames).isEmpty();
    assertThat(registry.counter("rwa.fanout.skipped").count()).isEqualTo(5);
    assertThat(metrics.pending.get()).as("the slow client's backlog: one value per symbol").isEqualTo(2);

    slow.full = false;
    tick("PAXG", 6);
    hub.flush();
    assertThat(slow.frames).as("one frame with the latest value of each symbol").hasSize(1);
    assertThat(slow.items()).extracting(j -> j.getJsonObject("data").getDouble("price")).containsExactly(105.0, 6.0);
    assertThat(metrics.pending.get()).isZero();

    tick("XAUT", 107);
    hub.flush();
    assertThat(slow.frames).hasSize(2);
    assertThat(slow.frames.get(1)).as("back in the shared group").isSameAs(fast.frames.get(fast.frames.size() - 1));
    assertThat(slow.seqs("ticks.PAXG")).isSorted().doesNotHaveDuplicates();
    assertThat(slow.seqs("ticks.XAUT")).isSorted().doesNotHaveDuplicates();
  }

  @Test
  @DisplayName("a resumed client never gets a replayed message again from the window, and rejoins its group")
  void resumeWithoutDuplicates() {
    FakeSink other = new FakeSink();
    stream(other, "bars.1h");
    for (int i = 1; i <= 3; i++) {
      feed.append("rwa.bars.1h", new JsonObject().put("symbol", "S" + i));
    }
    // seq 1..3 are pending in the window; a client resumes from 1 and is sent 2 and 3 at once
    FakeSink resumed = new FakeSink();
    Client c = hub.attach(resumed, resumed, false);
    Feed.Resume r = feed.resume("bars.1h", 1);
    hub.sendNow(c, r.messages());
    hub.subscribe(c, "bars.1h");
    feed.append("rwa.bars.1h", new JsonObject().put("symbol", "S4"));
    hub.flush();
    assertThat(resumed.seqs("bars.1h")).containsExactly(2L, 3L, 4L);
    assertThat(other.seqs("bars.1h")).containsExactly(1L, 2L, 3L, 4L);

    feed.append("rwa.bars.1h", new JsonObject().put("symbol", "S5"));
    hub.flush();
    assertThat(resumed.seqs("bars.1h")).containsExactly(2L, 3L, 4L, 5L);
    assertThat(resumed.frames.get(resumed.frames.size() - 1)).as("rejoined")
        .isSameAs(other.frames.get(other.frames.size() - 1));
  }

  @Test
  @DisplayName("a resume of a channel a lagging client already has pending never sends a message twice")
  void resumeWhileLagging() {
    FakeSink sink = new FakeSink();
    Client c = stream(sink, "risk");
    sink.full = true;
    feed.append("rwa.risk", new JsonObject().put("symbol", "A"));
    feed.append("rwa.risk", new JsonObject().put("symbol", "B"));
    hub.flush();
    hub.sendNow(c, feed.resume("risk", 0).messages());
    sink.full = false;
    feed.append("rwa.risk", new JsonObject().put("symbol", "C"));
    hub.flush();
    assertThat(sink.seqs("risk")).containsExactly(1L, 2L, 3L);
  }

  @Test
  @DisplayName("on-chain events are conflated by identity: two whale transfers of one token both arrive, a retraction "
      + "replaces its pending provisional event")
  void onchainEventsConflateByIdentity() {
    FakeSink sink = new FakeSink();
    stream(sink, "onchain.events");
    String a = "0x" + "a".repeat(64);
    String b = "0x" + "b".repeat(64);
    feed.append(Addresses.ONCHAIN_EVENTS, Payloads.toJson(onchainEvent(a, OnchainEvent.Kind.WHALE, true)));
    feed.append(Addresses.ONCHAIN_EVENTS, Payloads.toJson(onchainEvent(b, OnchainEvent.Kind.WHALE, true)));
    feed.append(Addresses.ONCHAIN_EVENTS, Payloads.toJson(onchainEvent(a, OnchainEvent.Kind.RETRACTED, true)));
    hub.flush();
    assertThat(sink.seqs("onchain.events")).containsExactly(2L, 3L);
    assertThat(sink.items()).extracting(j -> j.getJsonObject("data").getString("kind"))
        .containsExactly("whale", "retracted");
    assertThat(registry.counter("rwa.fanout.conflated").count()).isEqualTo(1);
  }

  private static OnchainEvent onchainEvent(String txHash, OnchainEvent.Kind kind, boolean provisional) {
    return new OnchainEvent("PAXG", "ethereum", "0x45804880de22913dafe09f4980848ece6ecbaf78", kind, txHash,
        21_000_000L, 3, Instant.parse("2025-03-14T15:09:26Z"), "0x" + "1".repeat(40), "0x" + "2".repeat(40),
        new BigDecimal("5000"), provisional);
  }

  @Test
  @DisplayName("the shared window is bounded: beyond its keys the oldest value is dropped and counted")
  void windowBounded() {
    FakeSink sink = new FakeSink();
    stream(sink, "news");
    for (int i = 1; i <= 12; i++) {
      feed.append("rwa.news", new JsonObject().put("title", "n" + i));
    }
    assertThat(metrics.pending.get()).isEqualTo(8);
    assertThat(registry.counter("rwa.fanout.dropped").count()).isEqualTo(4);
    hub.flush();
    assertThat(sink.seqs("news")).containsExactly(5L, 6L, 7L, 8L, 9L, 10L, 11L, 12L);
    assertThat(metrics.pending.get()).isZero();
  }

  @Test
  @DisplayName("unsubscribing moves a client to the group of its remaining channels; detaching forgets it")
  void regroupAndDetach() {
    FakeSink a = new FakeSink();
    FakeSink b = new FakeSink();
    stream(a, "ticks.PAXG", "ticks.XAUT");
    Client cb = stream(b, "ticks.PAXG", "ticks.XAUT");
    hub.unsubscribe(cb, "ticks.XAUT");
    tick("PAXG", 1);
    tick("XAUT", 2);
    hub.flush();
    assertThat(b.seqs("ticks.XAUT")).isEmpty();
    assertThat(b.seqs("ticks.PAXG")).containsExactly(1L);
    assertThat(a.items()).hasSize(2);
    hub.detach(b);
    tick("PAXG", 3);
    hub.flush();
    assertThat(b.frames).hasSize(1);
    assertThat(metrics.streamClients.get()).isEqualTo(1);
  }

  @Test
  @DisplayName("a sink that throws is detached without stopping the others' flush")
  void failingSinkDetached() {
    FakeSink ok = new FakeSink();
    Client.Sink broken = new Client.Sink() {
      @Override
      public boolean writeQueueFull() {
        return false;
      }

      @Override
      public void write(String frame) {
        throw new IllegalStateException("closed");
      }
    };
    hub.subscribe(hub.attach(broken, broken, false), "ticks.PAXG");
    stream(ok, "ticks.PAXG");
    tick("PAXG", 1);
    hub.flush();
    assertThat(ok.frames).hasSize(1);
    assertThat(metrics.streamClients.get()).isEqualTo(1);
  }
}
