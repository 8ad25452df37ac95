package io.rwaprime.events.codec;

import io.vertx.core.buffer.Buffer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WireTest {

  @Test
  @DisplayName("a string's length prefix counts UTF-8 bytes, not Java chars")
  void measuresStringsInUtf8Bytes() {
    String s = "€😀é";  // 3 + 4 + 2 bytes, 4 chars
    Buffer buffer = Buffer.buffer();
    Wire.writeString(buffer, s);
    assertThat(buffer.getInt(0)).isEqualTo(9);
    assertThat(buffer.length()).isEqualTo(4 + 9);
    assertThat(buffer.getString(4, 13, "UTF-8")).isEqualTo(s);
    assertThat(new Wire.Reader(buffer, 0).readString()).isEqualTo(s);
  }

  @Test
  void writesDecimalsOfUpTo18DigitsAsLong() {
    Buffer buffer = Buffer.buffer();
    Wire.writeDecimal(buffer, new BigDecimal("-999999999999999.999"));
    assertThat(buffer.getByte(0)).isEqualTo(Wire.DECIMAL_LONG);
    assertThat(buffer.getInt(1)).isEqualTo(3);
    assertThat(buffer.getLong(5)).isEqualTo(-999_999_999_999_999_999L);
    assertThat(buffer.length()).isEqualTo(1 + 4 + 8);
  }

  @Test
  void writesLargerDecimalsAsBytes() {
    BigDecimal big = new BigDecimal(BigInteger.valueOf(Long.MIN_VALUE), -7);
    Buffer buffer = Buffer.buffer();
    Wire.writeDecimal(buffer, big);
    assertThat(buffer.getByte(0)).isEqualTo(Wire.DECIMAL_BIG);
    assertThat(new Wire.Reader(buffer, 0).readDecimal()).isEqualTo(big);
  }

  @Test
  void keepsTheScaleOfDecimals() {
    for (String s : new String[] {"1.0", "1.00", "1E+3", "0E-10", "-0.000001", "123456789012345678.9"}) {
      Buffer buffer = Buffer.buffer();
      Wire.writeDecimal(buffer, new BigDecimal(s));
      assertThat(new Wire.Reader(buffer, 0).readDecimal()).isEqualTo(new BigDecimal(s));
    }
  }

  @Test
  void readsNullablesWrittenAsAbsent() {
    Buffer buffer = Buffer.buffer();
    Wire.writeNullableDecimal(buffer, null);
    Wire.writeNullableString(buffer, null);
    Wire.writeNullableLong(buffer, null);
    Wire.writeNullableDuration(buffer, null);
    Wire.Reader in = new Wire.Reader(buffer, 0);
    assertThat(in.readNullableDecimal()).isNull();
    assertThat(in.readNullableString()).isNull();
    assertThat(in.readNullableLong()).isNull();
    assertThat(in.readNullableDuration()).isNull();
    assertThat(in.position()).isEqualTo(4);
  }

  @Test
  void rejectsNegativeStringLength() {
    Buffer buffer = Buffer.buffer().appendInt(-5).appendBytes(new byte[8]);
    assertThatThrownBy(() -> new Wire.Reader(buffer, 0).readString())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("corrupt frame");
  }

  @Test
  void rejectsStringLengthBeyondTheBuffer() {
    Buffer buffer = Buffer.buffer().appendInt(1_000_000).appendBytes("abc".getBytes(StandardCharsets.UTF_8));
    assertThatThrownBy(() -> new Wire.Reader(buffer, 0).readString())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("exceeds");
  }

  @Test
  void rejectsUnknownDecimalTagAndPresenceByte() {
    assertThatThrownBy(() -> new Wire.Reader(Buffer.buffer().appendByte((byte) 9), 0).readNullableDecimal())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("decimal tag 9");
    assertThatThrownBy(() -> new Wire.Reader(Buffer.buffer().appendByte((byte) 0), 0).readDecimal())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("absent decimal");
    assertThatThrownBy(() -> new Wire.Reader(Buffer.buffer().appendByte((byte) 7), 0).readNullableString())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("presence byte 7");
  }

  @Test
  void rejectsTruncatedFrames() {
    Buffer buffer = Buffer.buffer();
    new TickCodec().encodeToWire(buffer, io.rwaprime.events.Samples.tick());
    Buffer truncated = buffer.getBuffer(0, buffer.length() - 3);
    assertThatThrownBy(() -> new TickCodec().decodeFromWire(0, truncated))
        .isInstanceOf(IndexOutOfBoundsException.class);
  }
}
