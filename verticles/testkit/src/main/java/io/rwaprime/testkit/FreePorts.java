package io.rwaprime.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/**
 * Finds TCP ports that are free on the loopback interface, for servers that must be told their port up front.
 *
 * <p>The port is chosen by the kernel (bind to port 0 on {@code 127.0.0.1}) and released before it is returned,
 * so another process may in principle take it before the caller binds it; the ephemeral range is large and the
 * kernel hands ports out round-robin, so this is rare. Never returns a well-known port such as 5432, 6379 or 9092
 * unless the kernel's ephemeral range was configured to include it.
 */
public final class FreePorts {

  private FreePorts() {}

  /** @return a TCP port that was free on {@code 127.0.0.1} a moment ago */
  public static int find() {
    try (ServerSocket socket = new ServerSocket()) {
      socket.setReuseAddress(true);
      socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot find a free port on the loopback interface", e);
    }
  }

  /** @return whether nothing listens on {@code 127.0.0.1:port} and it can be bound right now */
  public static boolean isFree(int port) {
    try (ServerSocket socket = new ServerSocket()) {
      socket.setReuseAddress(true);
      socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
