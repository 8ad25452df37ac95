package io.rwaprime.ingestion.simulator;

/**
 * xoshiro256** (Blackman and Vigna), seeded through SplitMix64, with the few distributions the simulator needs.
 * Written out rather than taken from {@code java.util.random} so that a seed gives the same stream on every JDK
 * and platform: the algorithms and the {@link StrictMath} functions are fully specified.
 * Not thread-safe.
 */
final class Xoshiro256 {

  private static final double DOUBLE_UNIT = 0x1.0p-53;

  private long s0;
  private long s1;
  private long s2;
  private long s3;
  private double spareGaussian;
  private boolean hasSpare;

  Xoshiro256(long seed) {
    long x = seed;
    x += 0x9E3779B97F4A7C15L;
    s0 = mix(x);
    x += 0x9E3779B97F4A7C15L;
    s1 = mix(x);
    x += 0x9E3779B97F4A7C15L;
    s2 = mix(x);
    x += 0x9E3779B97F4A7C15L;
    s3 = mix(x);
  }

  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  long nextLong() {
    long result = Long.rotateLeft(s1 * 5, 7) * 9;
    long t = s1 << 17;
    s2 ^= s0;
    s3 ^= s1;
    s1 ^= s2;
    s0 ^= s3;
    s2 ^= t;
    s3 = Long.rotateLeft(s3, 45);
    return result;
  }

  /** Uniform in [0, 1). */
  double nextDouble() {
    return (nextLong() >>> 11) * DOUBLE_UNIT;
  }

  /** Uniform in (0, 1]: safe to take the logarithm of. */
  double nextOpenDouble() {
    return ((nextLong() >>> 11) + 1) * DOUBLE_UNIT;
  }

  /** Exponential with mean 1. */
  double nextExponential() {
    return -StrictMath.log(nextOpenDouble());
  }

  /** Standard normal (Marsaglia's polar method; the second value of each pair is kept for the next call). */
  double nextGaussian() {
    if (hasSpare) {
      hasSpare = false;
      return spareGaussian;
    }
    double u;
    double v;
    double s;
    do {
      u = 2 * nextDouble() - 1;
      v = 2 * nextDouble() - 1;
      s = u * u + v * v;
    } while (s >= 1 || s == 0);
    double m = StrictMath.sqrt(-2 * StrictMath.log(s) / s);
    spareGaussian = v * m;
    hasSpare = true;
    return u * m;
  }
}
