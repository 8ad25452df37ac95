package io.rwaprime.fanout;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The caught-up clients of one {@link ClientHub} that use the same transport and follow the same channels: each
 * window's frames are built once for the group and the same strings are written to every member (browsers of one
 * page follow the same channels, so a hub has few groups however many clients it serves). Strings, not one shared
 * {@code Buffer}: writing a Buffer to several sockets would be safe (Vert.x writes a slice of it), but a WebSocket
 * takes a Buffer only as a binary frame, and both wire formats are text; so each socket still encodes the string.
 */
final class Group {

  /** What the members share: the transport (bridge or stream) and the exact set of channels followed. */
  record Key(boolean bridge, Set<String> channels) {

    static Key of(Client c) {
      return new Key(c.bridge, Set.copyOf(c.channels));
    }
  }

  final Key key;
  final Set<Client> members = new LinkedHashSet<>();

  Group(Key key) {
    this.key = key;
  }

  /** The messages of {@code window} on the group's channels, in order. */
  List<Envelope> select(List<Envelope> window) {
    List<Envelope> out = new ArrayList<>();
    for (Envelope e : window) {
      if (key.channels().contains(e.channel())) {
        out.add(e);
      }
    }
    return out;
  }
}
