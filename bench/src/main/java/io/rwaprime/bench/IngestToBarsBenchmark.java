package io.rwaprime.bench;

import io.rwaprime.cleansing.TickParser;
import io.rwaprime.cleansing.bars.BarAggregator;
import io.rwaprime.cleansing.bars.Deduplicator;
import io.rwaprime.cleansing.bars.HampelFilter;
import io.rwaprime.common.assets.Asset;
import io.rwaprime.common.assets.AssetCatalogue;
import io.rwaprime.events.Addresses;
import io.rwaprime.events.Bar;
import io.rwaprime.events.BarInterval;
import io.rwaprime.events.Codecs;
import io.rwaprime.events.RawRecord;
import io.rwaprime.events.RecordKind;
import io.rwaprime.events.Tick;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.EventBus;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * From JSON ingest to published bars on one Vert.x instance: raw price records (JSON text, as a source
 * delivers them) are sent on {@link Addresses#RAW_PRICE} from the benchmark thread to a verticle that runs
 * the cleansing path's per-tick work — {@link TickParser} validation, {@link Deduplicator},
 * {@link HampelFilter}, 4-interval {@link BarAggregator} — and publishes every tick and closed bar on the
 * bus. Compared in the same run with a no-op consumer of the same records on the same bus. Storage is not
 * included (see the gold-write benchmark).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class IngestToBarsBenchmark {

  private static final int BATCH = 20_000;

  private Vertx vertx;
  private RawRecord[] records;
  private final AtomicReference<CountDownLatch> latch = new AtomicReference<>();
  private String pipelineAddress;
  private String noopAddress;
  private int cursor;
  private String pipelineDeployment;
  private AssetCatalogue catalogue;

  /** The per-tick work of the cleansing verticle, minus storage. */
  static final class Pipeline extends VerticleBase {
    private final String address;
    private final AtomicReference<CountDownLatch> latch;
    private final boolean work;
    private final AssetCatalogue assets;
    private TickParser parser;
    private Deduplicator dedup;
    private HampelFilter hampel;
    private BarAggregator bars;

    Pipeline(String address, AtomicReference<CountDownLatch> latch, boolean work, AssetCatalogue assets) {
      this.address = address;
      this.latch = latch;
      this.work = work;
      this.assets = assets;
    }

    @Override
    public Future<?> start() {
      parser = new TickParser(s -> assets.find(s).isPresent());
      dedup = new Deduplicator(200_000, Duration.ofMinutes(10));
      hampel = new HampelFilter(51, 6);
      bars = new BarAggregator(Duration.ofSeconds(2), Duration.ofMinutes(2));
      EventBus bus = vertx.eventBus();
      return bus.<RawRecord>consumer(address, msg -> {
        RawRecord raw = msg.body();
        if (work) {
          TickParser.Result r = parser.parse(raw);
          if (r.ok()) {
            Tick t = r.tick();
            if (dedup.add(t) && !hampel.isOutlier(t)) {
              BarAggregator.Update u = bars.onTick(t);
              if (u.rejection() == null) {
                bus.publish(Addresses.TICKS, t);
                for (Bar b : u.bars()) {
                  bus.publish(Addresses.bars(b.interval()), b);
                }
              }
            }
          }
        }
        latch.get().countDown();
      }).completion();
    }
  }

  @Setup(Level.Trial)
  public void setup() {
    vertx = Vertx.vertx();
    Codecs.registerAll(vertx);
    catalogue = AssetCatalogue.load();
    List<Asset> assets = catalogue.assets().subList(0, 20);
    pipelineAddress = Addresses.RAW_PRICE;
    noopAddress = Addresses.RAW_PRICE + ".noop";
    long[] delivered = {0};
    int n = 2_000_000;
    // a subscriber of the published bars, as fanout or the bar store would be
    for (BarInterval i : BarInterval.values()) {
      vertx.eventBus().consumer(Addresses.bars(i), m -> delivered[0]++);
    }
    pipelineDeployment = vertx.deployVerticle(() -> new Pipeline(pipelineAddress, latch, true, catalogue),
        new DeploymentOptions()).await();
    vertx.deployVerticle(() -> new Pipeline(noopAddress, latch, false, catalogue), new DeploymentOptions()).await();
    // 2 M ticks, 20 symbols, 50 ms apart per symbol on average: bars close as the stream goes
    Random random = new Random(42);
    records = new RawRecord[n];
    double[] price = new double[assets.size()];
    for (int i = 0; i < price.length; i++) {
      price[i] = assets.get(i).simulation() == null ? 100 : assets.get(i).simulation().startPrice().doubleValue();
    }
    Instant t0 = Instant.parse("2026-11-23T00:00:00Z");
    for (int i = 0; i < n; i++) {
      int a = random.nextInt(assets.size());
      price[a] *= 1 + random.nextGaussian() * 0.0002;
      Instant ts = t0.plusMillis(i * 2L);
      String payload = "{\"symbol\":\"" + assets.get(a).symbol() + "\",\"price\":\"" + String.format("%.4f", price[a])
          + "\",\"volume\":\"" + String.format("%.3f", random.nextDouble() * 10) + "\",\"currency\":\"USD\",\"ts\":\""
          + ts + "\",\"seq\":" + i + "}";
      records[i] = new RawRecord("bench-" + i, "bench", RecordKind.PRICE, ts, payload);
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    vertx.close().await();
  }

  private void run(String address) throws InterruptedException {
    if (cursor + BATCH > records.length) {
      // the stream starts again from its first tick: give the pipeline fresh state so they are not duplicates
      vertx.undeploy(pipelineDeployment).await();
      pipelineDeployment = vertx.deployVerticle(() -> new Pipeline(pipelineAddress, latch, true, catalogue),
          new DeploymentOptions()).await();
      cursor = 0;
    }
    CountDownLatch done = new CountDownLatch(BATCH);
    latch.set(done);
    EventBus bus = vertx.eventBus();
    for (int i = 0; i < BATCH; i++) {
      bus.send(address, records[cursor]);
      cursor++;
    }
    if (!done.await(60, TimeUnit.SECONDS)) {
      throw new IllegalStateException("the consumer did not keep up");
    }
  }

  /** Raw JSON record → validated tick → dedup → outliers → 4-interval bars → published. */
  @Benchmark
  @OperationsPerInvocation(BATCH)
  public void jsonIngestToPublishedBars() throws InterruptedException {
    run(pipelineAddress);
  }

  /** The same records to a consumer that does nothing: the bus's own cost. */
  @Benchmark
  @OperationsPerInvocation(BATCH)
  public void noopConsumerOfTheSameRecords() throws InterruptedException {
    run(noopAddress);
  }
}
