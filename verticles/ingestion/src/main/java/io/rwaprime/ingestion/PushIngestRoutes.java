package io.rwaprime.ingestion;

import io.rwaprime.common.http.ServiceException;
import io.rwaprime.events.RawRecord;
import io.rwaprime.events.RecordKind;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * {@code POST /api/v1/ingest/ticks}: push ingestion for data providers. The body is a JSON array of tick
 * objects ({@code application/json}) or one tick per line ({@code application/x-ndjson}); each item
 * becomes a raw record of source {@code push:<key name>} and takes the same validation path as every
 * other source (bad items go to dead-letter with their reason). The answer, 202, comes once the items
 * are in the bronze archive on disk, with the event id of each item in order.
 */
final class PushIngestRoutes {

  private final RawIngress ingress;
  private final Map<String, String> keys;
  private final int maxItems;

  PushIngestRoutes(RawIngress ingress, Map<String, String> keys, int maxItems) {
    this.ingress = ingress;
    this.keys = keys;
    this.maxItems = maxItems;
  }

  void mount(Router router) {
    router.post("/api/v1/ingest/ticks").handler(this::ingest);
  }

  private void ingest(RoutingContext ctx) {
    String keyName = authenticate(ctx);
    String contentType = Optional.ofNullable(ctx.request().getHeader("Content-Type")).orElse("")
        .split(";")[0].trim().toLowerCase();
    Buffer body = ctx.body().buffer();
    if (body == null || body.length() == 0) {
      throw ServiceException.badRequest("empty-body", "the request has no body");
    }
    String text = utf8(body);
    List<String> items = switch (contentType) {
      case "application/json" -> jsonItems(text);
      case "application/x-ndjson", "application/jsonl" -> ndjsonItems(text);
      default -> throw new ServiceException(415, "unsupported-media-type",
          "send application/json (an array of ticks) or application/x-ndjson (one tick per line)");
    };
    if (items.isEmpty()) {
      throw ServiceException.badRequest("no-items", "the body holds no ticks");
    }
    if (items.size() > maxItems) {
      throw new ServiceException(413, "too-many-items", "at most " + maxItems + " ticks per request, got " + items.size());
    }
    String source = "push:" + keyName;
    Instant now = Instant.now();
    List<RawRecord> records = new ArrayList<>(items.size());
    JsonArray ids = new JsonArray();
    for (String item : items) {
      String id = source + ":" + UUID.randomUUID();
      records.add(new RawRecord(id, source, RecordKind.PRICE, now, item));
      ids.add(id);
    }
    ingress.acceptDurably(records)
        .onSuccess(n -> ctx.response().setStatusCode(202).putHeader("Content-Type", "application/json")
            .end(new JsonObject().put("received", items.size()).put("accepted", n).put("event_ids", ids).toBuffer()))
        .onFailure(err -> ctx.fail(ServiceException.unavailable("the bronze archive", err)));
  }

  /** The key's name, from {@code Authorization: Bearer <secret>} or {@code X-Ingest-Key: <secret>}. */
  private String authenticate(RoutingContext ctx) {
    String header = ctx.request().getHeader("Authorization");
    String given = header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)
        ? header.substring(7).trim() : Optional.ofNullable(ctx.request().getHeader("X-Ingest-Key")).orElse("").trim();
    byte[] givenBytes = given.getBytes(StandardCharsets.UTF_8);
    String match = null;
    // compare with every key, always, so the time taken says nothing about which one nearly matched
    for (Map.Entry<String, String> k : keys.entrySet()) {
      if (MessageDigest.isEqual(givenBytes, k.getValue().getBytes(StandardCharsets.UTF_8)) && !given.isEmpty()) {
        match = k.getKey();
      }
    }
    if (match == null) {
      ctx.response().putHeader("WWW-Authenticate", "Bearer realm=\"rwa-prime ingest\"");
      throw new ServiceException(401, "unauthorized", keys.isEmpty()
          ? "push ingestion is not configured (ingestion.push.keys)" : "a valid ingest key is required");
    }
    return match;
  }

  private static String utf8(Buffer body) {
    try {
      return StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(body.getBytes()))
          .toString();
    } catch (CharacterCodingException e) {
      throw ServiceException.badRequest("invalid-utf8", "the body is not valid UTF-8");
    }
  }

  /** The items of a JSON array, each re-encoded as the provider sent it (objects or not). */
  private static List<String> jsonItems(String text) {
    Object parsed;
    try {
      parsed = io.vertx.core.json.Json.decodeValue(text);
    } catch (DecodeException e) {
      throw ServiceException.badRequest("malformed-json", "the body is not valid JSON");
    }
    if (parsed instanceof JsonObject obj) {
      return List.of(obj.encode());
    }
    if (!(parsed instanceof JsonArray arr)) {
      throw ServiceException.badRequest("malformed-json", "expected a JSON array of ticks or one tick object");
    }
    List<String> out = new ArrayList<>(arr.size());
    for (Object item : arr) {
      out.add(io.vertx.core.json.Json.encode(item));
    }
    return out;
  }

  /** One item per non-blank line, kept as text: a malformed line is dead-lettered by cleansing, not refused here. */
  private static List<String> ndjsonItems(String text) {
    List<String> out = new ArrayList<>();
    for (String line : text.split("\r?\n")) {
      if (!line.isBlank()) {
        out.add(line.trim());
      }
    }
    return out;
  }
}
