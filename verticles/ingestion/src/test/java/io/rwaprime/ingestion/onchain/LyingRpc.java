package io.rwaprime.ingestion.onchain;

import com.sun.net.httpserver.HttpServer;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A JSON-RPC proxy in front of a real node that answers honestly until told to lie: it refuses wide
 * {@code eth_getLogs} ranges the way hosted providers do, alters a log's contract or block hash, leaves mint logs
 * out, or reports another chain id. Batches are forwarded as batches.
 */
final class LyingRpc implements AutoCloseable {

  enum Mode { HONEST, REFUSE_WIDE, ALTER_ADDRESS, ALTER_BLOCK_HASH, DROP_MINTS, WRONG_CHAIN }

  private static final String ZERO_TOPIC = "0x" + "0".repeat(64);

  private final HttpServer server;
  private final HttpClient client = HttpClient.newHttpClient();
  private final URI upstream;
  private volatile Mode mode = Mode.HONEST;
  private volatile int maxRange = Integer.MAX_VALUE;
  final AtomicInteger refused = new AtomicInteger();
  final AtomicInteger lies = new AtomicInteger();

  LyingRpc(String upstream) throws IOException {
    this.upstream = URI.create(upstream);
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", exchange -> {
      byte[] body = exchange.getRequestBody().readAllBytes();
      byte[] answer;
      try {
        answer = handle(new String(body, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
      } catch (Exception e) {
        exchange.sendResponseHeaders(502, -1);
        exchange.close();
        return;
      }
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      exchange.sendResponseHeaders(200, answer.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(answer);
      }
    });
    server.start();
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  void lie(Mode mode) {
    this.mode = mode;
  }

  void refuseRangesWiderThan(int blocks) {
    this.maxRange = blocks;
    this.mode = Mode.REFUSE_WIDE;
  }

  private String handle(String body) throws Exception {
    Object parsed = Json.decodeValue(body);
    if (parsed instanceof JsonArray batch) {
      JsonArray out = new JsonArray();
      JsonArray upstreamAnswers = new JsonArray(forward(body));
      for (int i = 0; i < batch.size(); i++) {
        JsonObject request = batch.getJsonObject(i);
        out.add(alter(request, find(upstreamAnswers, request.getValue("id"))));
      }
      return out.encode();
    }
    JsonObject request = (JsonObject) parsed;
    JsonObject early = refuse(request);
    if (early != null) {
      return early.encode();
    }
    return alter(request, new JsonObject(forward(body))).encode();
  }

  private JsonObject refuse(JsonObject request) {
    if (mode == Mode.REFUSE_WIDE && "eth_getLogs".equals(request.getString("method"))) {
      JsonObject filter = request.getJsonArray("params").getJsonObject(0);
      long from = Long.decode(filter.getString("fromBlock"));
      long to = Long.decode(filter.getString("toBlock"));
      if (to - from + 1 > maxRange) {
        refused.incrementAndGet();
        return new JsonObject().put("jsonrpc", "2.0").put("id", request.getValue("id")).put("error",
            new JsonObject().put("code", -32005).put("message", "query returned more than 10000 results; try a "
                + "range of at most " + maxRange + " blocks"));
      }
    }
    return null;
  }

  private JsonObject alter(JsonObject request, JsonObject answer) {
    String method = request.getString("method");
    if (mode == Mode.WRONG_CHAIN && "eth_chainId".equals(method)) {
      lies.incrementAndGet();
      return answer.copy().put("result", "0x1");
    }
    if (!"eth_getLogs".equals(method) || !(answer.getValue("result") instanceof JsonArray logs) || logs.isEmpty()) {
      return answer;
    }
    JsonArray altered = new JsonArray();
    for (int i = 0; i < logs.size(); i++) {
      JsonObject log = logs.getJsonObject(i).copy();
      switch (mode) {
        case ALTER_ADDRESS -> {
          if (i == 0) {
            log.put("address", "0x00000000000000000000000000000000deadbeef");
            lies.incrementAndGet();
          }
        }
        case ALTER_BLOCK_HASH -> {
          if (i == 0) {
            log.put("blockHash", "0x" + "ab".repeat(32));
            lies.incrementAndGet();
          }
        }
        case DROP_MINTS -> {
          if (ZERO_TOPIC.equals(log.getJsonArray("topics").getString(1))) {
            lies.incrementAndGet();
            continue;
          }
        }
        default -> { }
      }
      altered.add(log);
    }
    return answer.copy().put("result", altered);
  }

  private static JsonObject find(JsonArray answers, Object id) {
    for (int i = 0; i < answers.size(); i++) {
      if (String.valueOf(answers.getJsonObject(i).getValue("id")).equals(String.valueOf(id))) {
        return answers.getJsonObject(i);
      }
    }
    throw new IllegalStateException("no answer with id " + id);
  }

  private String forward(String body) throws Exception {
    HttpResponse<String> r = client.send(HttpRequest.newBuilder(upstream).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    return r.body();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
