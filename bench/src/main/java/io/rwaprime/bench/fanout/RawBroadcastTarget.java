package io.rwaprime.bench.fanout;

import io.rwaprime.common.assets.AssetCatalogue;
import io.rwaprime.common.assets.Asset;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * The baseline of issue 5: an unbatched raw Vert.x WebSocket broadcast of the same ticks, served by as many
 * {@link RawBroadcastVerticle} instances (event loops) as the fanout's HTTP server has.
 */
final class RawBroadcastTarget implements LoadTarget {

  private static final int INSTANCES = 2;

  private final LongAdder messages = new LongAdder();
  private final LongAdder dropped = new LongAdder();
  private final AtomicLong clients = new AtomicLong();

  @Override
  public void start(Vertx vertx, int port) throws Exception {
    List<String> symbols = AssetCatalogue.load().assets().stream().map(Asset::symbol).toList();
    vertx.deployVerticle(() -> new RawBroadcastVerticle(port, symbols, messages, dropped, clients),
        new DeploymentOptions().setInstances(INSTANCES)).await(30, TimeUnit.SECONDS);
  }

  @Override
  public String token() {
    return "-";
  }

  @Override
  public Map<String, Long> counters() {
    Map<String, Long> out = new LinkedHashMap<>();
    out.put("messages", messages.sum());
    out.put("frames", messages.sum());
    out.put("conflated", 0L);
    out.put("dropped", dropped.sum());
    out.put("skipped", 0L);
    out.put("clients", clients.get());
    return out;
  }
}
