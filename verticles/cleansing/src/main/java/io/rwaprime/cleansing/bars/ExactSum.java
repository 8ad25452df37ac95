package io.rwaprime.cleansing.bars;

import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * An exact running sum of non-negative decimals without a {@link BigDecimal} per addition: the
 * unscaled value is an unsigned 128-bit integer at one scale, the largest scale added so far (an
 * addend with fewer digits is multiplied up; when a finer addend arrives the sum is). Only when a value
 * cannot be held that way (an addend over 18 digits, a scale step over 18, or a sum over 2^128 units)
 * does the sum continue as a {@code BigDecimal}, so the result is exact in every case.
 *
 * <p>Used by the bar accumulators for volume, price and price × volume sums, four times per tick.
 */
final class ExactSum {

  private static final long[] POW10 = new long[19];

  static {
    POW10[0] = 1;
    for (int i = 1; i < POW10.length; i++) {
      POW10[i] = POW10[i - 1] * 10;
    }
  }

  private long hi;
  private long lo;
  private int scale;
  private boolean empty = true;
  /** Non-null once the sum left the 128-bit form. */
  private BigDecimal big;
  /** Scratch results of {@link #times10}. */
  private long outHi;
  private long outLo;

  /** Adds {@code unscaled × 10^-scale}; {@code unscaled >= 0}. */
  void add(long unscaled, int scale) {
    addWide(0, unscaled, scale);
  }

  /** Adds {@code (a × 10^-sa) × (b × 10^-sb)} exactly; {@code a, b >= 0}. */
  void addProduct(long a, int sa, long b, int sb) {
    // for non-negative operands the signed high half equals the unsigned one
    addWide(Math.multiplyHigh(a, b), a * b, sa + sb);
  }

  /** Adds a value of any size (the slow path, for addends that do not fit 18 digits). */
  void add(BigDecimal value) {
    toBig();
    big = big.add(value);
  }

  /** Whether nothing, or only zeros, were added. */
  boolean isZero() {
    return big != null ? big.signum() == 0 : (hi | lo) == 0;
  }

  /** The exact sum at the largest scale added (never a negative scale); zero when empty. */
  BigDecimal value() {
    BigDecimal v = big != null ? big : empty ? BigDecimal.ZERO : decimal(hi, lo, scale);
    return v.scale() < 0 ? v.setScale(0) : v;
  }

  private void addWide(long vh, long vl, int s) {
    if (big != null) {
      big = big.add(decimal(vh, vl, s));
      return;
    }
    if (empty) {
      hi = vh;
      lo = vl;
      scale = s;
      empty = false;
      return;
    }
    if (s > scale) {
      if (!times10(hi, lo, s - scale)) {
        toBig();
        big = big.add(decimal(vh, vl, s));
        return;
      }
      hi = outHi;
      lo = outLo;
      scale = s;
    } else if (s < scale) {
      if (!times10(vh, vl, scale - s)) {
        toBig();
        big = big.add(decimal(vh, vl, s));
        return;
      }
      vh = outHi;
      vl = outLo;
    }
    long sumLo = lo + vl;
    long carry = Long.compareUnsigned(sumLo, lo) < 0 ? 1 : 0;
    long sumHi = hi + vh;
    boolean overflow = Long.compareUnsigned(sumHi, hi) < 0;
    long sumHi2 = sumHi + carry;
    overflow |= Long.compareUnsigned(sumHi2, sumHi) < 0;
    if (overflow) {
      toBig();
      big = big.add(decimal(vh, vl, scale));
      return;
    }
    hi = sumHi2;
    lo = sumLo;
  }

  /** (h, l) × 10^d into (outHi, outLo); false when it would not fit 128 bits. */
  private boolean times10(long h, long l, int d) {
    if (d > 18) {
      return false;
    }
    long m = POW10[d];
    if (Math.unsignedMultiplyHigh(h, m) != 0) {
      return false;
    }
    long hm = h * m;
    long newHi = hm + Math.unsignedMultiplyHigh(l, m);
    if (Long.compareUnsigned(newHi, hm) < 0) {
      return false;
    }
    outHi = newHi;
    outLo = l * m;
    return true;
  }

  private void toBig() {
    if (big == null) {
      big = empty ? BigDecimal.ZERO : decimal(hi, lo, scale);
    }
  }

  private static BigDecimal decimal(long h, long l, int s) {
    if (h == 0 && l >= 0) {
      return BigDecimal.valueOf(l, s);
    }
    byte[] bytes = new byte[16];
    for (int i = 0; i < 8; i++) {
      bytes[7 - i] = (byte) (h >>> (8 * i));
      bytes[15 - i] = (byte) (l >>> (8 * i));
    }
    return new BigDecimal(new BigInteger(1, bytes), s);
  }
}
