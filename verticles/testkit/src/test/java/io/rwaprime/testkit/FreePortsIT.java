package io.rwaprime.testkit;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

import static org.assertj.core.api.Assertions.assertThat;

class FreePortsIT {

  @Test
  void findsAPortThatCanBeBoundOnLoopback() throws Exception {
    int port = FreePorts.find();
    assertThat(port).isBetween(1024, 65535);
    assertThat(FreePorts.isFree(port)).isTrue();
    try (ServerSocket s = new ServerSocket()) {
      s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
      assertThat(FreePorts.isFree(port)).as("taken while bound").isFalse();
    }
  }
}
