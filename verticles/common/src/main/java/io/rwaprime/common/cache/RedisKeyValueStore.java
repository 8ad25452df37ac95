package io.rwaprime.common.cache;

import io.rwaprime.common.config.RwaConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisConnection;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * {@link KeyValueStore} on Redis. Commands go through the pooled client; when Redis is lost the store
 * fails fast and reconnects in the background with exponential back-off and jitter (a held connection
 * does not come back by itself), and readiness reports Redis as down until it answers again.
 */
public final class RedisKeyValueStore implements KeyValueStore {

  private static final Logger LOG = LoggerFactory.getLogger(RedisKeyValueStore.class);

  /**
   * Increments and sets the expiry in one atomic step, so that no counter is ever left without one.
   */
  private static final String INCR_WITH_TTL = """
      local v = redis.call('INCR', KEYS[1])
      if v == 1 or redis.call('PTTL', KEYS[1]) < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
      return v""";

  /**
   * {@link TokenBucket#take} in Lua, atomic in Redis, on Redis's own clock (so that several API processes agree):
   * KEYS[1] bucket, ARGV[1] limit, ARGV[2] window in ms. Returns allowed (0/1), whole tokens left, ms until full,
   * ms until a token is back.
   */
  private static final String TOKEN_BUCKET = """
      local limit = tonumber(ARGV[1])
      local window = tonumber(ARGV[2])
      local t = redis.call('TIME')
      local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
      local state = redis.call('HMGET', KEYS[1], 'tokens', 'ts')
      local tokens = tonumber(state[1]) or limit
      local last = tonumber(state[2]) or now
      tokens = math.min(limit, tokens + math.max(0, now - last) * limit / window)
      local allowed = 0
      local retry = 0
      if tokens >= 1 then
        tokens = tokens - 1
        allowed = 1
      else
        retry = math.ceil((1 - tokens) * window / limit)
      end
      local reset = math.ceil((limit - tokens) * window / limit)
      redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'ts', now)
      redis.call('PEXPIRE', KEYS[1], math.max(1, reset))
      return {allowed, math.floor(tokens), reset, retry}""";
  private static final String TOKEN_BUCKET_SHA = sha1(TOKEN_BUCKET);

  private final Vertx vertx;
  private final RwaConfig.Redis cfg;
  private final String url;
  private volatile Redis client;
  /** One multiplexed connection that pipelines every command (no pool lease per command); null while reconnecting. */
  private volatile RedisConnection conn;
  private volatile boolean up = true;
  private volatile boolean closed;
  private long attempts;

  private RedisKeyValueStore(Vertx vertx, RwaConfig.Redis cfg, String url) {
    this.vertx = vertx;
    this.cfg = cfg;
    this.url = url;
    this.client = newClient();
  }

  /** Connects and checks the server answers. */
  public static Future<RedisKeyValueStore> connect(Vertx vertx, RwaConfig.Redis cfg) {
    RedisKeyValueStore store = new RedisKeyValueStore(vertx, cfg, cfg.url().orElseThrow());
    return store.ping().compose(v -> store.openConnection()).map(v -> store);
  }

  private Redis newClient() {
    return Redis.createClient(vertx, new RedisOptions()
        .setConnectionString(url)
        .setMaxPoolSize(cfg.maxPoolSize())
        .setMaxPoolWaiting(cfg.maxPoolSize() * 64)
        .setMaxWaitingHandlers(4096));
  }

  private Future<Void> openConnection() {
    return client.connect().onSuccess(c -> {
      c.exceptionHandler(this::dropped);
      c.endHandler(v -> dropped(new java.io.IOException("connection closed")));
      conn = c;
    }).mapEmpty();
  }

  private void dropped(Throwable err) {
    conn = null;
    lost(err);
  }

  private Future<Response> send(Request request) {
    RedisConnection c = conn;
    return (c != null ? c.send(request) : client.send(request)).onFailure(this::lost);
  }

  private void lost(Throwable err) {
    if (closed || !up || isServerError(err)) {
      return;
    }
    up = false;
    RedisConnection c = conn;
    conn = null;
    if (c != null) {
      c.close();
    }
    LOG.warn("redis connection lost, reconnecting [url: {}, reason: {}]", redacted(), err.getMessage());
    scheduleReconnect();
  }

  /**
   * An error reply of the server ({@code ERR …}, {@code NOSCRIPT …}, {@code WRONGTYPE …}) arrived over a healthy
   * connection; only transport failures mean the connection is lost.
   */
  private static boolean isServerError(Throwable err) {
    String m = err.getMessage();
    return m != null && m.matches("(?s)[A-Z]{2,}( .*)?");
  }

  private void scheduleReconnect() {
    if (closed) {
      return;
    }
    long min = cfg.reconnectMin().toMillis();
    long max = cfg.reconnectMax().toMillis();
    long backoff = Math.min(max, min << Math.min(attempts++, 16));
    long delay = Math.max(1, backoff / 2 + ThreadLocalRandom.current().nextLong(backoff / 2 + 1));
    vertx.setTimer(delay, id -> {
      Redis old = client;
      client = newClient();
      old.close();
      client.send(Request.cmd(Command.PING)).compose(r -> openConnection()).onComplete(ar -> {
        if (ar.succeeded()) {
          up = true;
          attempts = 0;
          LOG.info("redis reconnected [url: {}]", redacted());
        } else {
          scheduleReconnect();
        }
      });
    });
  }

  @Override
  public Future<Optional<String>> get(String key) {
    return send(Request.cmd(Command.GET).arg(key)).map(r -> Optional.ofNullable(r).map(Response::toString));
  }

  @Override
  public Future<Void> put(String key, String value, Duration ttl) {
    return send(Request.cmd(Command.SET).arg(key).arg(value).arg("PX").arg(Math.max(1, ttl.toMillis()))).mapEmpty();
  }

  @Override
  public Future<Void> delete(String key) {
    return send(Request.cmd(Command.DEL).arg(key)).mapEmpty();
  }

  @Override
  public Future<RateDecision> take(String key, int limit, Duration window) {
    long w = Math.max(1, window.toMillis());
    return send(Request.cmd(Command.EVALSHA).arg(TOKEN_BUCKET_SHA).arg(1).arg(key).arg(limit).arg(w))
        .recover(err -> err.getMessage() != null && err.getMessage().startsWith("NOSCRIPT")
            ? send(Request.cmd(Command.EVAL).arg(TOKEN_BUCKET).arg(1).arg(key).arg(limit).arg(w))
            : Future.failedFuture(err))
        .map(r -> new RateDecision(r.get(0).toInteger() == 1, limit, r.get(1).toInteger(), r.get(2).toLong(),
            r.get(3).toLong()));
  }

  private static String sha1(String script) {
    try {
      return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-1")
          .digest(script.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public Future<Long> increment(String key, Duration ttl) {
    return send(Request.cmd(Command.EVAL).arg(INCR_WITH_TTL).arg(1).arg(key).arg(Math.max(1, ttl.toMillis())))
        .map(Response::toLong);
  }

  @Override
  public Future<Void> ping() {
    if (!up) {
      return Future.failedFuture("redis is reconnecting");
    }
    return send(Request.cmd(Command.PING)).mapEmpty();
  }

  @Override
  public String kind() {
    return "redis";
  }

  /** Whether the last command reached Redis. */
  public boolean isUp() {
    return up;
  }

  @Override
  public Future<Void> close() {
    closed = true;
    RedisConnection c = conn;
    conn = null;
    if (c != null) {
      c.close();
    }
    client.close();
    return Future.succeededFuture();
  }

  private String redacted() {
    return url.replaceAll("//[^@/]*@", "//***@");
  }
}
