package io.rwaprime.fanout;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.MessageConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads every public market address once per process and appends each message, as JSON, to the {@link Feed}.
 * One consumer per address for the whole process (not per client): converting a record to JSON costs the same for
 * one browser or ten thousand.
 */
final class FeedVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(FeedVerticle.class);

  private final Feed feed;
  private final List<String> addresses;

  FeedVerticle(Feed feed, List<String> addresses) {
    this.feed = feed;
    this.addresses = List.copyOf(addresses);
  }

  @Override
  public Future<?> start() {
    List<Future<Void>> ready = new ArrayList<>();
    for (String address : addresses) {
      MessageConsumer<Object> c = vertx.eventBus().consumer(address, msg -> {
        try {
          feed.append(address, Payloads.toJson(msg.body()));
        } catch (RuntimeException e) {
          LOG.warn("message not forwarded to clients [address: {}, reason: {}]", address, e.getMessage());
        }
      });
      ready.add(c.completion());
    }
    return Future.all(ready);
  }
}
