package io.rwaprime.bench;

import io.rwaprime.events.Bar;
import io.rwaprime.events.Tick;
import io.rwaprime.events.codec.BarCodec;
import io.rwaprime.events.codec.TickCodec;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.util.concurrent.TimeUnit;

/**
 * One encode plus one decode of a {@link Tick} and a {@link Bar}: the binary codecs (what the
 * clustered event bus runs per message) against the Vert.x JSON form of the same record (what a
 * JSON codec or the Kafka/SockJS edges run: {@code toJson().toBuffer()} then
 * {@code fromJson(new JsonObject(buffer))}). Both sides build and validate the record on decode.
 * Each binary run encodes into a new {@link Buffer}, as the event bus does per message.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class CodecBenchmark {

  private final TickCodec tickCodec = new TickCodec();
  private final BarCodec barCodec = new BarCodec();
  private Tick tick;
  private Bar bar;

  /** Builds the messages once; the codecs hold no state. */
  @Setup
  public void setUp() {
    tick = Fixtures.tick();
    bar = Fixtures.bar();
  }

  /** Tick through {@link TickCodec}. */
  @Benchmark
  public Tick tickBinary() {
    Buffer buffer = Buffer.buffer(128);
    tickCodec.encodeToWire(buffer, tick);
    return tickCodec.decodeFromWire(0, buffer);
  }

  /** Tick through its JSON form. */
  @Benchmark
  public Tick tickJson() {
    Buffer buffer = tick.toJson().toBuffer();
    return Tick.fromJson(new JsonObject(buffer));
  }

  /** Bar through {@link BarCodec}. */
  @Benchmark
  public Bar barBinary() {
    Buffer buffer = Buffer.buffer(160);
    barCodec.encodeToWire(buffer, bar);
    return barCodec.decodeFromWire(0, buffer);
  }

  /** Bar through its JSON form. */
  @Benchmark
  public Bar barJson() {
    Buffer buffer = bar.toJson().toBuffer();
    return Bar.fromJson(new JsonObject(buffer));
  }
}
