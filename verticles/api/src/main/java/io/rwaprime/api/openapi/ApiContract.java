package io.rwaprime.api.openapi;

import io.rwaprime.common.http.ServiceException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.contract.Operation;
import io.vertx.openapi.validation.RequestUtils;
import io.vertx.openapi.validation.RequestValidator;
import io.vertx.openapi.validation.ValidatorErrorType;
import io.vertx.openapi.validation.ValidatorException;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The OpenAPI 3.1 document ({@code openapi/openapi.yaml} on the classpath) as the contract of the REST API: served
 * at {@code /openapi.yaml}, rendered at {@code /docs}, and every request under {@code /api} that matches one of its
 * operations validated against it (vertx-openapi) before its handler runs — parameters, their formats and the JSON
 * body, with unknown members refused. A violation is a 400 problem naming it. Push ingestion validates its own
 * NDJSON or JSON items (the ingestion role), so its body is not checked here.
 */
public final class ApiContract {

  static final String RESOURCE = "openapi/openapi.yaml";
  private static final String INGEST = "/api/v1/ingest/";

  private static final int MEMO_ENTRIES = 50_000;

  private final java.util.Map<String, Boolean> passed = new java.util.concurrent.ConcurrentHashMap<>();
  private final String yaml;
  private final JsonObject document;
  private final OpenAPIContract contract;
  private final RequestValidator validator;

  private ApiContract(String yaml, JsonObject document, OpenAPIContract contract, RequestValidator validator) {
    this.yaml = yaml;
    this.document = document;
    this.contract = contract;
    this.validator = validator;
  }

  /** Reads and resolves the document (blocking read of a classpath resource, on a worker). */
  public static Future<ApiContract> load(Vertx vertx) {
    return vertx.executeBlocking(ApiContract::readYaml)
        .compose(text -> {
          JsonObject document = toJson(text);
          // the library annotates the object it is given: keep our own copy for the docs and the route check
          return OpenAPIContract.from(vertx, document.copy())
              .map(c -> new ApiContract(text, document, c, RequestValidator.create(vertx, c)));
        });
  }

  /** The raw document as a JSON object (tests compare it with the router). */
  public JsonObject raw() {
    return document.copy();
  }

  /** Mounts request validation on {@code /api/*} (after authentication) and the two documentation routes. */
  public void mount(Router router) {
    router.route("/api/*").handler(this::validate);
    router.get("/openapi.yaml").handler(ctx -> ctx.response().putHeader("Content-Type", "application/yaml; charset=utf-8")
        .putHeader("Cache-Control", "public, max-age=300").end(yaml));
    String docs = DocsPage.render(document);
    router.get("/docs").handler(ctx -> ctx.response().putHeader("Content-Type", "text/html; charset=utf-8").end(docs));
  }

  private void validate(RoutingContext ctx) {
    String path = ctx.request().path();
    Operation op = path.startsWith(INGEST) ? null : contract.findOperation(path, ctx.request().method());
    if (op == null) {
      // not an operation of the contract: the router answers (404/405, or the ingestion role's own checks)
      ctx.next();
      return;
    }
    Buffer body = ctx.body() == null || ctx.body().buffer() == null ? null : ctx.body().buffer();
    boolean bodyless = body == null || body.length() == 0;
    // a body-less request is valid or not by its method and URI alone (no header or cookie parameters are declared):
    // a URI that passed once passes again, so it is not re-validated (the JSON-schema walk is the dear part)
    String memoKey = bodyless ? ctx.request().method().name() + ' ' + ctx.request().uri() : null;
    if (memoKey != null && passed.containsKey(memoKey)) {
      ctx.next();
      return;
    }
    String type = ctx.request().getHeader("Content-Type");
    if (body != null && body.length() > 0 && op.getRequestBody() != null
        && (type == null || !type.toLowerCase(java.util.Locale.ROOT).startsWith("application/json"))) {
      ctx.fail(new ServiceException(415, "unsupported-media-type", "send the body as application/json"));
      return;
    }
    RequestUtils.extract(ctx.request(), op, () -> Future.succeededFuture(body))
        .compose(request -> validator.validate(request, op.getOperationId()))
        .onSuccess(v -> {
          if (memoKey != null) {
            if (passed.size() >= MEMO_ENTRIES) {
              passed.clear();
            }
            passed.put(memoKey, Boolean.TRUE);
          }
          ctx.next();
        })
        .onFailure(err -> ctx.fail(problem(err)));
  }

  private static ServiceException problem(Throwable err) {
    if (!(err instanceof ValidatorException ve)) {
      return ServiceException.badRequest("invalid-request", "the request does not conform to /openapi.yaml");
    }
    String message = ve.getMessage() == null ? "the request does not conform to /openapi.yaml" : ve.getMessage();
    if (message.contains("content type") || message.contains("Content-Type") || message.contains("content-type")) {
      return new ServiceException(415, "unsupported-media-type", message);
    }
    if (message.toLowerCase(java.util.Locale.ROOT).contains("additional propert")) {
      return ServiceException.badRequest("unknown-field", message);
    }
    String code = ve.type() == ValidatorErrorType.MISSING_REQUIRED_PARAMETER ? "missing-field" : "invalid-request";
    return ServiceException.badRequest(code, message);
  }

  private static String readYaml() {
    try (InputStream in = ApiContract.class.getClassLoader().getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is missing from the classpath");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @SuppressWarnings("unchecked")
  static JsonObject toJson(String yaml) {
    Object tree = new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml);
    return new JsonObject((Map<String, Object>) normalize(tree));
  }

  /** snakeyaml gives Maps with non-String keys for e.g. response codes; JSON needs String keys. */
  private static Object normalize(Object node) {
    if (node instanceof Map<?, ?> m) {
      Map<String, Object> out = new java.util.LinkedHashMap<>();
      m.forEach((k, v) -> out.put(String.valueOf(k), normalize(v)));
      return out;
    }
    if (node instanceof java.util.List<?> l) {
      return new java.util.ArrayList<>(l.stream().map(ApiContract::normalize).toList());
    }
    return node;
  }

}
