package io.rwaprime.fanout;

/**
 * One market message ready for browsers and stream clients: its channel ({@code ticks.PAXG}, {@code risk}, …: the
 * bus address without {@code rwa.}), the conflation key (channel plus symbol, so the latest value per symbol wins),
 * its sequence number in the channel and its JSON, encoded once for every client.
 */
record Envelope(String channel, String key, long seq, long receivedMillis, String json) {

  /** The bus address the message came from. */
  String address() {
    return Channels.PREFIX + channel;
  }

  /** The stream form {@code {"channel", "seq", "data"}}. */
  String streamItem() {
    return "{\"channel\":\"" + channel + "\",\"seq\":" + seq + ",\"data\":" + json + "}";
  }

  /** The bridge form {@code {"address", "seq", "body"}}, an element of a {@code ui.batch} frame. */
  String bridgeItem() {
    return "{\"address\":\"" + address() + "\",\"seq\":" + seq + ",\"body\":" + json + "}";
  }
}
