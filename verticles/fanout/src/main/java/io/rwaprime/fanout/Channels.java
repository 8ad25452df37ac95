package io.rwaprime.fanout;

import io.rwaprime.common.assets.AssetCatalogue;
import io.rwaprime.events.Addresses;
import io.rwaprime.events.BarInterval;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The public market addresses that browsers and stream clients may follow, and the user-private ones. Everything
 * else is refused (deny by default). A channel is an address without its {@code rwa.} prefix.
 */
final class Channels {

  static final String PREFIX = "rwa.";
  /** One allowlist for both the bridge and the stream: the addresses a client may subscribe to. */
  static final List<Pattern> PUBLIC = List.of(
      Pattern.compile("rwa\\.ticks\\.[A-Z0-9][A-Z0-9._-]{0,31}"),
      Pattern.compile("rwa\\.bars\\.(1m|5m|1h|1d)"),
      Pattern.compile("rwa\\.forecasts"),
      Pattern.compile("rwa\\.risk"),
      Pattern.compile("rwa\\.risk\\.fast-moves"),
      Pattern.compile("rwa\\.news"),
      Pattern.compile("rwa\\.feeds\\.status"),
      Pattern.compile("rwa\\.onchain"),
      Pattern.compile("rwa\\.onchain\\.events"));
  private static final Pattern USER_ID = Pattern.compile("[A-Za-z0-9-]{1,64}");

  private Channels() {}

  static boolean isPublic(String address) {
    return address != null && PUBLIC.stream().anyMatch(p -> p.matcher(address).matches());
  }

  /** The owner named by a private address, or null when {@code address} is not a private address. */
  static String privateOwner(String address) {
    if (address == null) {
      return null;
    }
    for (String prefix : List.of(Addresses.ALERTS_USER_PREFIX, Addresses.PORTFOLIO_USER_PREFIX)) {
      if (address.startsWith(prefix) && USER_ID.matcher(address.substring(prefix.length())).matches()) {
        return address.substring(prefix.length());
      }
    }
    return null;
  }

  /** Every concrete public address the feed consumes: each catalogued symbol's ticks, each bar interval, the rest. */
  static List<String> addresses(AssetCatalogue assets) {
    List<String> out = new ArrayList<>();
    assets.assets().forEach(a -> out.add(Addresses.ticks(a.symbol())));
    for (BarInterval i : BarInterval.values()) {
      out.add(Addresses.bars(i));
    }
    out.addAll(List.of(Addresses.FORECASTS, Addresses.RISK, Addresses.RISK_FAST_MOVES, Addresses.NEWS,
        Addresses.FEED_STATUS, Addresses.ONCHAIN, Addresses.ONCHAIN_EVENTS));
    return out;
  }
}
