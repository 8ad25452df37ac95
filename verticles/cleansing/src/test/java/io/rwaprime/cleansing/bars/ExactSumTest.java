package io.rwaprime.cleansing.bars;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class ExactSumTest {

  @Test
  void emptySumIsZero() {
    assertThat(new ExactSum().value()).isEqualTo(BigDecimal.ZERO);
    assertThat(new ExactSum().isZero()).isTrue();
  }

  @Test
  void keepsTheLargestScaleAndRescalesBothWays() {
    ExactSum s = new ExactSum();
    s.add(152025, 2);   // 1520.25
    s.add(3, 0);        // 3
    s.add(1, 6);        // 0.000001
    s.add(5, -3);       // 5E+3
    assertThat(s.value()).isEqualTo(new BigDecimal("6523.250001"));
  }

  @Test
  void productsPast64BitsStayExact() {
    ExactSum s = new ExactSum();
    BigDecimal expected = BigDecimal.ZERO;
    long a = 999_999_999_999_999_999L;
    for (int i = 0; i < 1000; i++) {
      s.addProduct(a, 6, a, 2);
      expected = expected.add(BigDecimal.valueOf(a, 6).multiply(BigDecimal.valueOf(a, 2)));
    }
    assertThat(s.value()).isEqualTo(expected);
  }

  @Test
  void overflowOf128BitsFallsBackToBigDecimal() {
    ExactSum s = new ExactSum();
    BigDecimal expected = BigDecimal.ZERO;
    for (int i = 0; i < 40; i++) {
      // each addend rescales the sum by 10^18: it leaves 128 bits after two steps
      s.add(Long.MAX_VALUE, i * 18);
      expected = expected.add(BigDecimal.valueOf(Long.MAX_VALUE, i * 18));
    }
    assertThat(s.value()).isEqualTo(expected);
  }

  @Test
  void matchesBigDecimalOnRandomMixedInput() {
    Random rnd = new Random(7);
    for (int round = 0; round < 200; round++) {
      ExactSum s = new ExactSum();
      BigDecimal expected = BigDecimal.ZERO;
      for (int i = 0; i < 200; i++) {
        long a = rnd.nextLong() >>> (1 + rnd.nextInt(63));
        int sa = rnd.nextInt(12);
        switch (rnd.nextInt(3)) {
          case 0 -> {
            s.add(a, sa);
            expected = expected.add(BigDecimal.valueOf(a, sa));
          }
          case 1 -> {
            long b = rnd.nextLong() >>> (1 + rnd.nextInt(63));
            int sb = rnd.nextInt(12);
            s.addProduct(a, sa, b, sb);
            expected = expected.add(BigDecimal.valueOf(a, sa).multiply(BigDecimal.valueOf(b, sb)));
          }
          default -> {
            BigDecimal big = new BigDecimal(Long.toUnsignedString(rnd.nextLong()) + "123456789").movePointLeft(sa);
            s.add(big);
            expected = expected.add(big);
          }
        }
      }
      assertThat(s.value()).isEqualByComparingTo(expected);
      assertThat(s.value().scale()).isEqualTo(Math.max(0, expected.scale()));
    }
  }
}
