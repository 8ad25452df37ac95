package io.rwaprime.ingestion;

import io.rwaprime.common.assets.AssetCatalogue;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;

/** Runs the configured connectors on one event loop; undeploying it stops them. */
final class SourcesVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(SourcesVerticle.class);

  private final List<SourceDefinitions.Definition> definitions;
  private final AssetCatalogue assets;
  private final RawIngress ingress;
  private final List<SourceDefinitions.Connector> running = new ArrayList<>();

  SourcesVerticle(List<SourceDefinitions.Definition> definitions, AssetCatalogue assets, RawIngress ingress) {
    this.definitions = definitions;
    this.assets = assets;
    this.ingress = ingress;
  }

  @Override
  public Future<?> start() {
    List<Future<Void>> started = new ArrayList<>();
    for (SourceDefinitions.Definition d : definitions) {
      SourceDefinitions.Connector c = d.create(vertx, assets, ingress::accept);
      running.add(c);
      started.add(c.start().onSuccess(v -> LOG.info("source started [name: {}]", c.name())));
    }
    return Future.all(started);
  }

  @Override
  public Future<?> stop() {
    List<Future<Void>> stopped = new ArrayList<>();
    for (SourceDefinitions.Connector c : running) {
      stopped.add(c.stop().otherwiseEmpty());
    }
    return Future.join(stopped);
  }
}
