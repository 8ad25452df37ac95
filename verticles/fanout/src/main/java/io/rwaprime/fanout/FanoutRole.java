package io.rwaprime.fanout;

import io.rwaprime.common.auth.Jwt;
import io.rwaprime.common.auth.SigningKeys;
import io.rwaprime.common.config.RwaConfig;
import io.rwaprime.common.role.Role;
import io.rwaprime.common.role.RoleContext;
import io.rwaprime.common.storage.Database;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.bridge.PermittedOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.sockjs.SockJSBridgeOptions;
import io.vertx.ext.web.handler.sockjs.SockJSHandler;
import io.vertx.ext.web.handler.sockjs.SockJSHandlerOptions;

import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The {@code fanout} role: everything live, to browsers and enterprise clients, on the process's HTTP server.
 * <ul>
 *   <li>{@code /eventbus}: the SockJS event-bus bridge ({@link BridgeGuard}: explicit permissions, user-private
 *   addresses for their owner only, no inbound, no replies) — market data arrives batched and conflated on
 *   {@code ui.batch} ({@link ClientHub});</li>
 *   <li>{@code GET /api/v1/stream}: a plain WebSocket JSON stream with resume from sequence numbers
 *   ({@link StreamHandler}).</li>
 * </ul>
 * One {@link FeedVerticle} per process reads the bus; one {@link ClientHub} per HTTP verticle instance serves that
 * event loop's sockets. Both paths refuse foreign browser origins ({@link OriginCheck}).
 */
public final class FanoutRole implements Role {

  /** Role name used by {@code --roles}. */
  public static final String NAME = "fanout";

  private volatile Feed feed;
  private volatile FanoutMetrics metrics;
  private volatile Tokens tokens;

  @Override
  public String name() {
    return NAME;
  }

  /** The stream checks API keys in the {@code api_keys} table. */
  @Override
  public boolean needsDatabase() {
    return true;
  }

  @Override
  public Future<?> deploy(RoleContext ctx) {
    RwaConfig.Fanout cfg = ctx.config().fanout();
    RwaConfig.Auth auth = ctx.config().api().auth();
    feed = new Feed(cfg.replaySize(), cfg.replayAge().toMillis(), Clock.systemUTC());
    metrics = new FanoutMetrics(ctx.metrics());
    return ctx.vertx().executeBlocking(() -> SigningKeys.load(auth.keysDir(), auth.generateKeys()))
        .compose(keys -> {
          tokens = new Tokens(new Jwt(keys, auth.issuer(), auth.audience()), Clock.systemUTC());
          return ctx.vertx().deployVerticle(() -> new FeedVerticle(feed, Channels.addresses(ctx.assets())),
              new DeploymentOptions());
        })
        .compose(id -> cfg.tcpBridgePort() == 0 ? Future.succeededFuture(id)
            : TcpBridge.start(ctx.vertx(), cfg.tcpBridgeHost(), cfg.tcpBridgePort(),
                Channels.addresses(ctx.assets())).map(id));
  }

  @Override
  public void routes(Router router, RoleContext ctx) {
    if (feed == null || tokens == null) {
      throw new IllegalStateException("the fanout role mounts its routes after deploy()");
    }
    Vertx vertx = ctx.vertx();
    RwaConfig.Fanout cfg = ctx.config().fanout();
    Set<String> origins = new LinkedHashSet<>(ctx.config().http().corsOrigins());
    origins.addAll(cfg.allowedOrigins());
    OriginCheck originCheck = new OriginCheck(origins, metrics);
    ClientHub hub = ClientHub.start(vertx, feed, metrics, cfg.queueSize(), cfg.batchWindow().toMillis());

    router.route("/eventbus/*").handler(originCheck);
    router.route("/eventbus/*").subRouter(SockJSHandler.create(vertx, new SockJSHandlerOptions()
            .setHeartbeatInterval(cfg.pingInterval().toMillis()))
        .bridge(bridgeOptions(), new BridgeGuard(vertx, hub, tokens, metrics)));

    StreamAuth streamAuth = new StreamAuth(tokens, ctx.database().map(Database::pool));
    router.get("/api/v1/stream").handler(originCheck)
        .handler(new StreamHandler(vertx, hub, feed, streamAuth, tokens, cfg.pingInterval().toMillis()));
  }

  /**
   * Outbound: the silent stand-ins of the public addresses (see {@link BridgeGuard}) and the user-private
   * addresses (the guard checks the owner); inbound: nothing.
   */
  static SockJSBridgeOptions bridgeOptions() {
    SockJSBridgeOptions options = new SockJSBridgeOptions();
    String silent = BridgeGuard.SILENT_PREFIX.replace(".", "\\.");
    Channels.PUBLIC.forEach(p -> options.addOutboundPermitted(new PermittedOptions().setAddressRegex(silent + p.pattern())));
    options.addOutboundPermitted(new PermittedOptions().setAddressRegex(silent + "ui\\.batch"));
    options.addOutboundPermitted(new PermittedOptions().setAddressRegex("rwa\\.alerts\\.user\\.[A-Za-z0-9-]{1,64}"));
    options.addOutboundPermitted(new PermittedOptions().setAddressRegex("rwa\\.portfolio\\.user\\.[A-Za-z0-9-]{1,64}"));
    return options;
  }
}
