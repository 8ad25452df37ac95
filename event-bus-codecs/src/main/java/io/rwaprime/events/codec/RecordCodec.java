package io.rwaprime.events.codec;

import io.rwaprime.events.CodecVersionException;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.MessageCodec;

/**
 * Base of the binary codecs of the immutable message records. A frame is one format-version byte
 * followed by the record's fields in {@link Wire} primitives. Local delivery passes the record
 * itself ({@link #transform} is the identity: records are immutable); the wire form is only used
 * across the clustered event bus.
 *
 * <p>To change a record's wire format, bump {@link #version()} and keep reading the old version
 * for one release, so that members of a rolling upgrade still understand each other; a version
 * this build does not know fails with {@link CodecVersionException}.
 *
 * @param <T> the record type
 */
public abstract class RecordCodec<T> implements MessageCodec<T, T> {

  private final String name;
  private final Class<T> type;

  /**
   * @param name stable codec name, e.g. {@code rwa.tick}: it travels on the wire with every
   *             clustered message, so it must never change
   * @param type the record class this codec is the default codec of
   */
  protected RecordCodec(String name, Class<T> type) {
    this.name = name;
    this.type = type;
  }

  /** The record class this codec is the default codec of. */
  public final Class<T> type() {
    return type;
  }

  /** The wire-format version this codec writes and reads. */
  public int version() {
    return 1;
  }

  @Override
  public final void encodeToWire(Buffer buffer, T value) {
    buffer.appendByte((byte) version());
    write(buffer, value);
  }

  @Override
  public final T decodeFromWire(int pos, Buffer buffer) {
    int found = buffer.getUnsignedByte(pos);
    if (found != version()) {
      throw new CodecVersionException(name, found, version());
    }
    return read(new Wire.Reader(buffer, pos + 1));
  }

  @Override
  public final T transform(T value) {
    return value;
  }

  @Override
  public final String name() {
    return name;
  }

  @Override
  public final byte systemCodecID() {
    return -1;
  }

  /** Appends the fields of {@code value} after the version byte. */
  protected abstract void write(Buffer buffer, T value);

  /** Reads the fields written by {@link #write}; the record's constructor re-validates them. */
  protected abstract T read(Wire.Reader in);

  @Override
  public String toString() {
    return name + " v" + version();
  }
}
