package io.rwaprime.alerts.channels.webhook;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;

/**
 * The addresses a webhook may never reach: everything that is not a public unicast address of the Internet. IPv6
 * forms that carry an IPv4 address (IPv4-mapped {@code ::ffff:a.b.c.d}, IPv4-compatible {@code ::a.b.c.d}, NAT64
 * {@code 64:ff9b::a.b.c.d}, 6to4 {@code 2002:AABB:CCDD::}) are judged by that IPv4 address.
 */
final class ForbiddenAddresses {

  private record Range(byte[] prefix, int bits, String reason) {

    boolean contains(byte[] address) {
      if (address.length != prefix.length) {
        return false;
      }
      int whole = bits / 8;
      if (!Arrays.equals(address, 0, whole, prefix, 0, whole)) {
        return false;
      }
      int rest = bits % 8;
      int mask = (0xff << (8 - rest)) & 0xff;
      return rest == 0 || (address[whole] & mask) == (prefix[whole] & mask);
    }
  }

  private static final List<Range> V4 = List.of(
      range("0.0.0.0", 8, "unspecified (0.0.0.0/8)"),
      range("10.0.0.0", 8, "private (10.0.0.0/8)"),
      range("100.64.0.0", 10, "shared CGNAT (100.64.0.0/10)"),
      range("127.0.0.0", 8, "loopback (127.0.0.0/8)"),
      range("169.254.169.254", 32, "link-local: the cloud metadata service (169.254.169.254)"),
      range("169.254.0.0", 16, "link-local (169.254.0.0/16)"),
      range("172.16.0.0", 12, "private (172.16.0.0/12)"),
      range("192.0.0.0", 24, "reserved IETF protocol assignments (192.0.0.0/24)"),
      range("192.168.0.0", 16, "private (192.168.0.0/16)"),
      range("198.18.0.0", 15, "reserved benchmarking (198.18.0.0/15)"),
      range("224.0.0.0", 4, "multicast (224.0.0.0/4)"),
      range("240.0.0.0", 4, "reserved or broadcast (240.0.0.0/4)"));

  private static final List<Range> V6 = List.of(
      range("::", 128, "unspecified (::)"),
      range("::1", 128, "loopback (::1)"),
      range("100::", 64, "reserved discard-only (100::/64)"),
      range("2001::", 32, "reserved Teredo (2001::/32)"),
      range("64:ff9b:1::", 48, "reserved local-use NAT64 (64:ff9b:1::/48)"),
      range("fc00::", 7, "private unique-local (fc00::/7)"),
      range("fe80::", 10, "link-local (fe80::/10)"),
      range("fec0::", 10, "private site-local (fec0::/10)"),
      range("ff00::", 8, "multicast (ff00::/8)"));

  private static final Range MAPPED = range("::ffff:0:0", 96, "");
  private static final Range COMPATIBLE = range("::", 96, "");
  private static final Range NAT64 = range("64:ff9b::", 96, "");
  private static final Range SIX_TO_FOUR = range("2002::", 16, "");

  private ForbiddenAddresses() {
  }

  /** Why {@code address} is refused (e.g. {@code "loopback (127.0.0.0/8)"}), or null when it is public. */
  static String why(InetAddress address) {
    byte[] a = address.getAddress();
    if (address instanceof Inet4Address) {
      return first(V4, a);
    }
    if (!(address instanceof Inet6Address)) {
      return "not an IP address";
    }
    String fixed = first(V6, a);
    if (fixed != null) {
      return fixed;
    }
    for (Range embedding : List.of(MAPPED, COMPATIBLE, NAT64)) {
      if (embedding.contains(a)) {
        return embedded(Arrays.copyOfRange(a, 12, 16), embedding == NAT64 ? "NAT64" : "IPv4-in-IPv6");
      }
    }
    if (SIX_TO_FOUR.contains(a)) {
      return embedded(Arrays.copyOfRange(a, 2, 6), "6to4");
    }
    return null;
  }

  private static String embedded(byte[] v4, String form) {
    String inner = first(V4, v4);
    return inner == null ? null : form + " form of " + inner;
  }

  private static String first(List<Range> ranges, byte[] a) {
    for (Range r : ranges) {
      if (r.contains(a)) {
        return r.reason();
      }
    }
    return null;
  }

  private static Range range(String literal, int bits, String reason) {
    try {
      byte[] bytes = InetAddress.getByName(literal).getAddress();
      if (literal.contains(":") && bytes.length == 4) {   // Java folds ::ffff:a.b.c.d to IPv4: rebuild the 16 bytes
        byte[] v6 = new byte[16];
        v6[10] = (byte) 0xff;
        v6[11] = (byte) 0xff;
        System.arraycopy(bytes, 0, v6, 12, 4);
        bytes = v6;
      }
      return new Range(bytes, bits, reason);
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException(literal, e);
    }
  }
}
