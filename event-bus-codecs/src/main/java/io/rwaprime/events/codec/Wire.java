package io.rwaprime.events.codec;

import io.vertx.core.buffer.Buffer;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;

/**
 * Primitives of the binary wire format shared by every codec. All integers are big-endian.
 *
 * <ul>
 *   <li>string: int byte length, then that many UTF-8 bytes (the length is of the encoded bytes,
 *       not of the Java string);</li>
 *   <li>nullable value: a presence byte (0 absent, 1 present), then the value when present;</li>
 *   <li>decimal: a tag byte, then int scale, then either the unscaled value as a long
 *       ({@code DECIMAL_LONG}, for at most 18 digits) or as int length plus two's-complement
 *       big-endian bytes ({@code DECIMAL_BIG}); a nullable decimal writes {@code DECIMAL_ABSENT}
 *       as its tag, so the tag doubles as the presence byte;</li>
 *   <li>instant and duration: long seconds, then int nanoseconds;</li>
 *   <li>boolean: one byte 0 or 1; list or set: int count, then the elements.</li>
 * </ul>
 *
 * <p>Writers append straight into the {@link Buffer}; the {@link Reader} reads at an advancing
 * position with absolute {@code getXxx} calls, so neither side builds intermediate objects beyond
 * the string bytes and the decoded values themselves.
 */
public final class Wire {

  /** Presence byte of an absent nullable value. */
  public static final byte ABSENT = 0;
  /** Presence byte of a present nullable value. */
  public static final byte PRESENT = 1;
  /** Decimal tag: null. */
  public static final byte DECIMAL_ABSENT = 0;
  /** Decimal tag: unscaled value as a long. */
  public static final byte DECIMAL_LONG = 1;
  /** Decimal tag: unscaled value as length-prefixed bytes. */
  public static final byte DECIMAL_BIG = 2;

  /** Up to this many digits an unscaled value always fits a long (10^18 - 1 &lt; 2^63). */
  private static final int LONG_DIGITS = 18;

  private Wire() {}

  /** Appends a non-null string. */
  public static void writeString(Buffer buffer, String value) {
    byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
    buffer.appendInt(bytes.length).appendBytes(bytes);
  }

  /** Appends a string that may be null. */
  public static void writeNullableString(Buffer buffer, String value) {
    if (value == null) {
      buffer.appendByte(ABSENT);
    } else {
      buffer.appendByte(PRESENT);
      writeString(buffer, value);
    }
  }

  /** Appends a non-null decimal. */
  public static void writeDecimal(Buffer buffer, BigDecimal value) {
    int scale = value.scale();
    if (value.precision() <= LONG_DIGITS) {
      // movePointRight(scale) keeps the unscaled value at scale 0 without creating a BigInteger
      buffer.appendByte(DECIMAL_LONG).appendInt(scale).appendLong(value.movePointRight(scale).longValue());
    } else {
      byte[] bytes = value.unscaledValue().toByteArray();
      buffer.appendByte(DECIMAL_BIG).appendInt(scale).appendInt(bytes.length).appendBytes(bytes);
    }
  }

  /** Appends a decimal that may be null. */
  public static void writeNullableDecimal(Buffer buffer, BigDecimal value) {
    if (value == null) {
      buffer.appendByte(DECIMAL_ABSENT);
    } else {
      writeDecimal(buffer, value);
    }
  }

  /** Appends a non-null instant. */
  public static void writeInstant(Buffer buffer, Instant value) {
    buffer.appendLong(value.getEpochSecond()).appendInt(value.getNano());
  }

  /** Appends a non-null duration. */
  public static void writeDuration(Buffer buffer, Duration value) {
    buffer.appendLong(value.getSeconds()).appendInt(value.getNano());
  }

  /** Appends a duration that may be null. */
  public static void writeNullableDuration(Buffer buffer, Duration value) {
    if (value == null) {
      buffer.appendByte(ABSENT);
    } else {
      buffer.appendByte(PRESENT);
      writeDuration(buffer, value);
    }
  }

  /** Appends a long that may be null. */
  public static void writeNullableLong(Buffer buffer, Long value) {
    if (value == null) {
      buffer.appendByte(ABSENT);
    } else {
      buffer.appendByte(PRESENT).appendLong(value);
    }
  }

  /** Appends a boolean as one byte. */
  public static void writeBoolean(Buffer buffer, boolean value) {
    buffer.appendByte(value ? (byte) 1 : (byte) 0);
  }

  /** Appends a collection of non-null strings in its iteration order. */
  public static void writeStrings(Buffer buffer, Collection<String> values) {
    buffer.appendInt(values.size());
    for (String v : values) {
      writeString(buffer, v);
    }
  }

  /**
   * Reads the primitives of {@link Wire} from a buffer, starting at a position and advancing past
   * each value read. Corrupt lengths fail with an {@link IllegalArgumentException}; reading past
   * the end fails with an {@link IndexOutOfBoundsException} from the buffer.
   */
  public static final class Reader {

    private final Buffer buffer;
    private int pos;

    /** A reader of {@code buffer} starting at {@code pos}. */
    public Reader(Buffer buffer, int pos) {
      this.buffer = buffer;
      this.pos = pos;
    }

    /** The position of the next byte to read. */
    public int position() {
      return pos;
    }

    /** Reads one byte. */
    public byte readByte() {
      return buffer.getByte(pos++);
    }

    /** Reads a big-endian int. */
    public int readInt() {
      int v = buffer.getInt(pos);
      pos += 4;
      return v;
    }

    /** Reads a big-endian long. */
    public long readLong() {
      long v = buffer.getLong(pos);
      pos += 8;
      return v;
    }

    /** Reads a big-endian IEEE-754 double. */
    public double readDouble() {
      double v = buffer.getDouble(pos);
      pos += 8;
      return v;
    }

    /** Reads a boolean byte; anything but 0 or 1 is corrupt. */
    public boolean readBoolean() {
      byte b = readByte();
      if (b != 0 && b != 1) {
        throw new IllegalArgumentException("corrupt frame: boolean byte " + b + " at " + (pos - 1));
      }
      return b == 1;
    }

    /** Reads a non-null string. */
    public String readString() {
      int length = readLength("string");
      String s = new String(buffer.getBytes(pos, pos + length), StandardCharsets.UTF_8);
      pos += length;
      return s;
    }

    /** Reads a string that may be null. */
    public String readNullableString() {
      return present() ? readString() : null;
    }

    /** Reads a non-null decimal. */
    public BigDecimal readDecimal() {
      BigDecimal d = readNullableDecimal();
      if (d == null) {
        throw new IllegalArgumentException("corrupt frame: absent decimal where one is required, at " + (pos - 1));
      }
      return d;
    }

    /** Reads a decimal that may be null. */
    public BigDecimal readNullableDecimal() {
      byte tag = readByte();
      switch (tag) {
        case DECIMAL_ABSENT:
          return null;
        case DECIMAL_LONG: {
          int scale = readInt();
          return BigDecimal.valueOf(readLong(), scale);
        }
        case DECIMAL_BIG: {
          int scale = readInt();
          int length = readLength("decimal");
          if (length == 0) {
            throw new IllegalArgumentException("corrupt frame: empty decimal magnitude at " + pos);
          }
          BigInteger unscaled = new BigInteger(buffer.getBytes(pos, pos + length));
          pos += length;
          return new BigDecimal(unscaled, scale);
        }
        default:
          throw new IllegalArgumentException("corrupt frame: decimal tag " + tag + " at " + (pos - 1));
      }
    }

    /** Reads a non-null instant. */
    public Instant readInstant() {
      long seconds = readLong();
      return Instant.ofEpochSecond(seconds, readInt());
    }

    /** Reads a non-null duration. */
    public Duration readDuration() {
      long seconds = readLong();
      return Duration.ofSeconds(seconds, readInt());
    }

    /** Reads a duration that may be null. */
    public Duration readNullableDuration() {
      return present() ? readDuration() : null;
    }

    /** Reads a long that may be null. */
    public Long readNullableLong() {
      return present() ? readLong() : null;
    }

    /** Reads the element count of a list or set. */
    public int readCount() {
      int count = readInt();
      // every element takes at least one byte, so a larger count cannot be genuine
      if (count < 0 || count > buffer.length() - pos) {
        throw new IllegalArgumentException("corrupt frame: element count " + count + " at " + (pos - 4));
      }
      return count;
    }

    /** Reads a list of non-null strings into an array. */
    public String[] readStrings() {
      String[] out = new String[readCount()];
      for (int i = 0; i < out.length; i++) {
        out[i] = readString();
      }
      return out;
    }

    private boolean present() {
      byte b = readByte();
      if (b == PRESENT) {
        return true;
      }
      if (b == ABSENT) {
        return false;
      }
      throw new IllegalArgumentException("corrupt frame: presence byte " + b + " at " + (pos - 1));
    }

    private int readLength(String what) {
      int length = readInt();
      if (length < 0 || length > buffer.length() - pos) {
        throw new IllegalArgumentException("corrupt frame: " + what + " length " + length + " at " + (pos - 4)
            + " exceeds the " + (buffer.length() - pos) + " bytes left");
      }
      return length;
    }
  }
}
