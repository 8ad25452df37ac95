package io.rwaprime.testkit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@ExtendWith(RedisExtension.class)
class RedisServerIT {

  @Test
  void pingSetGetOverRawResp(RedisServer redis) throws Exception {
    System.out.println("Redis start-up: " + redis.startupTime().toMillis() + " ms (" + redis.executable() + ")");
    assertThat(redis.uri()).isEqualTo("redis://127.0.0.1:" + redis.port());
    assertThat(redis.port()).isNotEqualTo(6379);
    String key = "it:" + UUID.randomUUID();
    try (Resp resp = new Resp(redis)) {
      assertThat(resp.call("PING")).isEqualTo("+PONG");
      assertThat(resp.call("GET", key)).isNull();
      assertThat(resp.call("SET", key, "välue 1")).isEqualTo("+OK");
      assertThat(resp.call("GET", key)).isEqualTo("välue 1");
    }
  }

  @Test
  void stopsAndStartsAgainOnTheSamePort(RedisServer redis) throws Exception {
    int port = redis.port();
    try (Resp resp = new Resp(redis)) {
      assertThat(resp.call("SET", "it:restart", "1")).isEqualTo("+OK");
    }
    redis.stop();
    try {
      assertThat(redis.isRunning()).isFalse();
      assertThatThrownBy(() -> new Socket(redis.host(), port).close()).isInstanceOf(ConnectException.class);
    } finally {
      redis.start();
    }
    assertThat(redis.isRunning()).isTrue();
    assertThat(redis.port()).isEqualTo(port);
    try (Resp resp = new Resp(redis)) {
      assertThat(resp.call("PING")).isEqualTo("+PONG");
      assertThat(resp.call("GET", "it:restart")).as("no persistence across a restart").isNull();
      assertThat(resp.call("SET", "it:restart", "2")).isEqualTo("+OK");
      assertThat(resp.call("GET", "it:restart")).isEqualTo("2");
    }
  }

  /** A minimal RESP2 client: commands as arrays of bulk strings; simple replies as {@code +...}, bulk as text. */
  static final class Resp implements AutoCloseable {
    private final Socket socket;
    private final OutputStream out;
    private final InputStream in;

    Resp(RedisServer redis) throws IOException {
      socket = new Socket(redis.host(), redis.port());
      socket.setSoTimeout(5000);
      out = socket.getOutputStream();
      in = new BufferedInputStream(socket.getInputStream());
    }

    String call(String... args) throws IOException {
      ByteArrayOutputStream cmd = new ByteArrayOutputStream();
      cmd.writeBytes(("*" + args.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
      for (String a : args) {
        byte[] b = a.getBytes(StandardCharsets.UTF_8);
        cmd.writeBytes(("$" + b.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
        cmd.writeBytes(b);
        cmd.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
      }
      out.write(cmd.toByteArray());
      out.flush();
      String line = readLine();
      switch (line.charAt(0)) {
        case '+', ':' -> { return line; }
        case '-' -> throw new IOException("Redis error: " + line);
        case '$' -> {
          int len = Integer.parseInt(line.substring(1));
          if (len < 0) {
            return null;
          }
          byte[] data = in.readNBytes(len + 2);
          return new String(data, 0, len, StandardCharsets.UTF_8);
        }
        default -> throw new IOException("unexpected reply " + line);
      }
    }

    private String readLine() throws IOException {
      ByteArrayOutputStream b = new ByteArrayOutputStream();
      int c;
      while ((c = in.read()) != -1) {
        if (c == '\r') {
          in.read(); // '\n'
          break;
        }
        b.write(c);
      }
      if (c == -1) {
        throw new IOException("connection closed");
      }
      return b.toString(StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws IOException {
      socket.close();
    }
  }
}
