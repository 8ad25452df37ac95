package io.rwaprime.events;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code fromJson} refuses unknown, ill-typed and missing fields with a message naming the field. */
class JsonRejectionPropertyTest {

  private static final List<Object> WRONG_VALUES = List.of("text", 42, 1.5, true, new JsonArray().add(1),
      new JsonObject().put("a", 1));

  @Property(tries = 300)
  void rejectsUnknownField(@ForAll("messages") Object message, @ForAll("fieldNames") String extra) {
    JsonObject json = Messages.toJson(message);
    Assume.that(!json.containsKey(extra));
    json.put(extra, "surprise");
    assertThatThrownBy(() -> Messages.fromJson(message.getClass(), json))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unknown field");
  }

  @Property(tries = 500)
  void rejectsFieldOfWrongType(@ForAll("messages") Object message, @ForAll int fieldSeed, @ForAll int valueSeed) {
    JsonObject json = Messages.toJson(message);
    List<String> fields = new ArrayList<>(json.fieldNames());
    String field = fields.get(Math.floorMod(fieldSeed, fields.size()));
    Object original = json.getValue(field);
    List<Object> candidates = WRONG_VALUES.stream().filter(v -> !sameJsonType(v, original)).toList();
    Object wrong = candidates.get(Math.floorMod(valueSeed, candidates.size()));
    json.put(field, wrong);
    assertThatThrownBy(() -> Messages.fromJson(message.getClass(), json))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(field);
  }

  @Property(tries = 300)
  void rejectsMissingRequiredField(@ForAll("messages") Object message, @ForAll int fieldSeed) {
    JsonObject json = Messages.toJson(message);
    List<String> required = JsonSchemas.load(message.getClass()).getJsonArray("required").stream()
        .map(String.class::cast).toList();
    String field = required.get(Math.floorMod(fieldSeed, required.size()));
    json.remove(field);
    assertThatThrownBy(() -> Messages.fromJson(message.getClass(), json))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(field)
        .hasMessageContaining("missing");
  }

  @Provide
  Arbitrary<Object> messages() {
    return Gen.anyMessage();
  }

  @Provide
  Arbitrary<String> fieldNames() {
    return Arbitraries.oneOf(Gen.nonBlank(), Arbitraries.of("id", "symbol_", "EVENT_ID", "price ", "$schema", "type", ""));
  }

  private static boolean sameJsonType(Object a, Object b) {
    return kind(a).equals(kind(b));
  }

  private static String kind(Object v) {
    if (v instanceof Number) {
      return "number";
    }
    for (Class<?> c : Set.of(String.class, Boolean.class, JsonArray.class, JsonObject.class)) {
      if (c.isInstance(v)) {
        return c.getSimpleName();
      }
    }
    throw new IllegalStateException("unexpected JSON value " + v);
  }
}
