/**
 * Binary event-bus codecs of the message records, one {@link io.vertx.core.eventbus.MessageCodec}
 * per record built on {@link io.rwaprime.events.codec.RecordCodec}, and the {@link
 * io.rwaprime.events.codec.Wire} primitives they share. Register them with
 * {@link io.rwaprime.events.Codecs#registerAll}.
 */
package io.rwaprime.events.codec;
