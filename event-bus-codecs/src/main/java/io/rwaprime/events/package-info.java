/**
 * The shared language of the rwa-prime mesh: immutable, validated message records, the names of
 * the event-bus addresses ({@link io.rwaprime.events.Addresses}) and Kafka topics
 * ({@link io.rwaprime.events.Topics}), codec registration ({@link io.rwaprime.events.Codecs}) and
 * the published JSON Schemas ({@link io.rwaprime.events.JsonSchemas}).
 *
 * <p>Every record has a compact constructor that rejects invalid values with an
 * {@link java.lang.IllegalArgumentException} naming the field, a {@code toJson()} and a strict
 * {@code fromJson(JsonObject)}. JSON mapping: snake_case field names, decimals as strings (exact,
 * scale kept), instants and durations as ISO-8601 strings, enums by label, nulls omitted.
 */
package io.rwaprime.events;
