package io.rwaprime.bridge;

import io.rwaprime.common.config.ConfigException;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One configured route between an event-bus address and a Kafka topic, with its payload type.
 *
 * @param address event-bus address
 * @param topic   Kafka topic
 * @param type    the payload's type (its schema)
 * @param acknowledged inbound only: the record is sent as a request and counts as handled once its handler answers
 */
record Mapping(String address, String topic, PayloadType type, boolean acknowledged) {

  private static final Pattern TOPIC = Pattern.compile("[a-zA-Z0-9._-]{1,249}");
  private static final Pattern ADDRESS = Pattern.compile("[a-zA-Z0-9._-]{1,200}");

  /** Validates {@code bridge.<key>} entries; every problem names the entry and field. */
  static List<Mapping> parse(List<JsonObject> entries, String key) {
    List<Mapping> out = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < entries.size(); i++) {
      String k = "bridge." + key + "[" + i + "]";
      JsonObject e = entries.get(i);
      for (String f : e.fieldNames()) {
        if (!Set.of("address", "topic", "type", "acknowledged").contains(f)
            || (f.equals("acknowledged") && !key.equals("inbound"))) {
          throw new ConfigException(k + "." + f, "unknown field (known: address, topic, type"
              + (key.equals("inbound") ? ", acknowledged)" : ")"));
        }
      }
      Object ack = e.getValue("acknowledged", false);
      if (!(ack instanceof Boolean)) {
        throw new ConfigException(k + ".acknowledged", "must be true or false, got '" + ack + "'");
      }
      String address = text(e, k, "address");
      String topic = text(e, k, "topic");
      if (!ADDRESS.matcher(address).matches()) {
        throw new ConfigException(k + ".address", "'" + address + "' is not an event-bus address");
      }
      if (!TOPIC.matcher(topic).matches()) {
        throw new ConfigException(k + ".topic", "'" + topic + "' is not a Kafka topic name");
      }
      PayloadType type;
      try {
        type = PayloadType.named(text(e, k, "type"));
      } catch (IllegalArgumentException ex) {
        throw new ConfigException(k + ".type", ex.getMessage());
      }
      if (!seen.add(address + " " + topic)) {
        throw new ConfigException(k, "the same address and topic are mapped twice");
      }
      out.add(new Mapping(address, topic, type, (Boolean) ack));
    }
    return out;
  }

  private static String text(JsonObject e, String key, String field) {
    Object v = e.getValue(field);
    if (v == null || String.valueOf(v).isBlank()) {
      throw new ConfigException(key + "." + field, "is required");
    }
    return String.valueOf(v).trim();
  }
}
