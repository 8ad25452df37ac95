package io.rwaprime.ingestion.source;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.io.IOException;

/**
 * Parses provider JSON into Vert.x {@link JsonObject}/{@link JsonArray} trees whose fractional numbers are
 * {@link java.math.BigDecimal}s, so that a price written as {@code 2650.10} keeps every digit (Vert.x's own
 * decoder would turn it into a {@code double}).
 */
final class JsonTree {

  /** Bodies larger than this are parsed on a worker thread rather than on the event loop. */
  static final int INLINE_PARSE_MAX_BYTES = 256 * 1024;

  private static final JsonFactory FACTORY = JsonFactory.builder()
      .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(200).maxNumberLength(200).build())
      .build();

  private JsonTree() {
  }

  /** Thrown for text that is not one well-formed JSON value. */
  static final class MalformedJsonException extends IllegalArgumentException {
    MalformedJsonException(String message) {
      super(message);
    }
  }

  /** Parses on the event loop when small, on a worker otherwise; fails with {@link MalformedJsonException}. */
  static Future<Object> parse(Vertx vertx, Buffer body) {
    if (body.length() <= INLINE_PARSE_MAX_BYTES) {
      try {
        return Future.succeededFuture(parse(body.getBytes()));
      } catch (MalformedJsonException e) {
        return Future.failedFuture(e);
      }
    }
    byte[] bytes = body.getBytes();
    return vertx.executeBlocking(() -> parse(bytes), false);
  }

  /** One JSON value: a JsonObject, JsonArray, String, Number, Boolean or null. */
  static Object parse(byte[] json) {
    try (JsonParser p = FACTORY.createParser(json)) {
      return readDocument(p);
    } catch (IOException e) {
      throw malformed(e);
    }
  }

  /** One JSON value: a JsonObject, JsonArray, String, Number, Boolean or null. */
  static Object parse(String json) {
    try (JsonParser p = FACTORY.createParser(json)) {
      return readDocument(p);
    } catch (IOException e) {
      throw malformed(e);
    }
  }

  private static MalformedJsonException malformed(IOException e) {
    String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    int nl = m.indexOf('\n');
    return new MalformedJsonException("malformed JSON: " + (nl < 0 ? m : m.substring(0, nl)));
  }

  private static Object readDocument(JsonParser p) throws IOException {
    JsonToken first = p.nextToken();
    if (first == null) {
      throw new MalformedJsonException("malformed JSON: empty body");
    }
    Object value = read(p, first);
    if (p.nextToken() != null) {
      throw new MalformedJsonException("malformed JSON: trailing content after the value");
    }
    return value;
  }

  private static Object read(JsonParser p, JsonToken t) throws IOException {
    if (t == null) {
      throw new MalformedJsonException("malformed JSON: unexpected end of input");
    }
    return switch (t) {
      case START_OBJECT -> {
        JsonObject obj = new JsonObject();
        for (JsonToken k = p.nextToken(); k != JsonToken.END_OBJECT; k = p.nextToken()) {
          String name = p.currentName();
          obj.put(name, read(p, p.nextToken()));
        }
        yield obj;
      }
      case START_ARRAY -> {
        JsonArray arr = new JsonArray();
        for (JsonToken v = p.nextToken(); v != JsonToken.END_ARRAY; v = p.nextToken()) {
          arr.add(read(p, v));
        }
        yield arr;
      }
      case VALUE_STRING -> p.getText();
      case VALUE_NUMBER_INT -> p.getNumberValue();
      case VALUE_NUMBER_FLOAT -> p.getDecimalValue();
      case VALUE_TRUE -> Boolean.TRUE;
      case VALUE_FALSE -> Boolean.FALSE;
      case VALUE_NULL -> null;
      default -> throw new MalformedJsonException("malformed JSON: unexpected " + t);
    };
  }
}
