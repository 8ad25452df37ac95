package io.rwaprime.common.health;

import io.rwaprime.common.http.Problems;
import io.rwaprime.common.http.RequestIds;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;

import java.util.List;
import java.util.stream.Collectors;

/**
 * {@code /health/live} (the process answers) and {@code /health/ready} (every registered check is up;
 * otherwise 503 problem+json naming what is down, with every check's state in {@code checks}).
 */
public final class HealthRoutes {

  private HealthRoutes() {}

  public static void mount(Router router, HealthRegistry registry) {
    router.get("/health/live").handler(ctx -> ctx.response()
        .putHeader("Content-Type", "application/json")
        .putHeader("Cache-Control", "no-store")
        .end(new JsonObject().put("status", "UP").toBuffer()));

    router.get("/health/ready").handler(ctx -> registry.runAll().onComplete(ar -> {
      List<HealthRegistry.Check> checks = ar.result();
      JsonObject details = new JsonObject();
      checks.forEach(c -> details.put(c.name(), c.toJson()));
      List<HealthRegistry.Check> down = checks.stream().filter(c -> !c.up()).toList();
      if (down.isEmpty()) {
        ctx.response().putHeader("Content-Type", "application/json")
            .putHeader("Cache-Control", "no-store")
            .end(new JsonObject().put("status", "UP").put("checks", details).toBuffer());
        return;
      }
      String names = down.stream().map(c -> c.name() + " (" + c.detail() + ")").collect(Collectors.joining(", "));
      JsonObject ext = new JsonObject().put("status_text", "DOWN")
          .put("down", down.stream().map(HealthRegistry.Check::name).toList())
          .put("checks", details);
      ctx.response().putHeader(RequestIds.HEADER, RequestIds.of(ctx));
      Problems.send(ctx, 503, "not-ready", "not ready: " + names, ext);
    }));
  }
}
