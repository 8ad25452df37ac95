package io.rwaprime.fanout;

import io.vertx.core.Promise;
import io.vertx.ext.web.handler.sockjs.SockJSSocket;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class BridgeSinkTest {

  /** A SockJS socket whose writes complete when the test says so, and whose own writeQueueFull() never says full. */
  static SockJSSocket socket(List<Promise<Void>> writes) {
    return (SockJSSocket) Proxy.newProxyInstance(SockJSSocket.class.getClassLoader(), new Class<?>[] {SockJSSocket.class},
        (proxy, method, args) -> switch (method.getName()) {
          case "write" -> {
            Promise<Void> p = Promise.promise();
            writes.add(p);
            yield p.future();
          }
          case "writeQueueFull" -> false;
          case "hashCode" -> System.identityHashCode(proxy);
          case "equals" -> proxy == args[0];
          default -> null;
        });
  }

  @Test
  @DisplayName("a bridge socket is full while 64 Ki characters of its writes have not completed, and free again after")
  void fullUntilWritesComplete() {
    List<Promise<Void>> writes = new ArrayList<>();
    BridgeSink sink = new BridgeSink(socket(writes));
    String frame = "x".repeat(20_000);
    for (int i = 0; i < 3; i++) {
      sink.write(frame);
    }
    assertThat(sink.writeQueueFull()).as("60,000 characters pending").isFalse();
    sink.write(frame);
    assertThat(sink.writeQueueFull()).as("80,000 characters pending").isTrue();
    writes.get(0).complete();
    assertThat(sink.writeQueueFull()).isFalse();
    writes.get(1).fail("closed");
    writes.get(2).complete();
    writes.get(3).complete();
    assertThat(sink.writeQueueFull()).isFalse();
  }
}
