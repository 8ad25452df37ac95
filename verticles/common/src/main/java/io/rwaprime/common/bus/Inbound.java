package io.rwaprime.common.bus;

import io.rwaprime.events.CodecVersionException;
import io.vertx.core.eventbus.Message;

import java.util.Optional;
import java.util.UUID;

/**
 * Reads message bodies defensively. A body that arrived from another member in a wire format this
 * process cannot read (a newer codec version, a corrupt frame) is decoded lazily by Vert.x when
 * {@code body()} is first called; here that failure goes to dead-letter with its reason instead of
 * escaping the handler.
 */
public final class Inbound {

  private Inbound() {}

  /** The decoded body, or empty after the message was dead-lettered. */
  public static <T> Optional<T> body(Message<T> msg, String stage, DeadLetters deadLetters) {
    try {
      return Optional.ofNullable(msg.body());
    } catch (CodecVersionException e) {
      deadLetters.reject(UUID.randomUUID().toString(), "event-bus:" + msg.address(), stage,
          "codec.unknown-version", e.getMessage(), "");
    } catch (RuntimeException e) {
      deadLetters.reject(UUID.randomUUID().toString(), "event-bus:" + msg.address(), stage,
          "codec.undecodable", e.getClass().getSimpleName() + ": " + e.getMessage(), "");
    }
    return Optional.empty();
  }
}
