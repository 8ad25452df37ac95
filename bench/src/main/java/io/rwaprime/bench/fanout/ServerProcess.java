package io.rwaprime.bench.fanout;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A {@link FanoutLoadServer} in a child JVM with this process's class path: its own heap, event loops and file
 * descriptors, so that the load generator's ten thousand sockets do not share them. Talks to it over standard
 * input and output; everything else it prints (logs) goes to a file.
 */
final class ServerProcess implements AutoCloseable {

  private final Process process;
  private final Writer commands;
  private final BlockingQueue<String> replies = new LinkedBlockingQueue<>();
  private final Path log;
  private final Map<String, String> ready;

  ServerProcess(String mode, int port, double rate, List<String> jvmOptions) throws Exception {
    log = Files.createTempFile("fanout-server-" + mode + "-", ".log");
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(jvmOptions);
    cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), FanoutLoadServer.class.getName(), mode,
        String.valueOf(port), String.valueOf(rate)));
    process = new ProcessBuilder(cmd).redirectError(log.toFile()).start();
    commands = process.outputWriter(StandardCharsets.UTF_8);
    Thread reader = new Thread(this::readReplies, "fanout-server-stdout");
    reader.setDaemon(true);
    reader.start();
    ready = fields(reply("READY", 120));
  }

  /** A field of the server's READY line ({@code token}, {@code symbols}). */
  String ready(String key) {
    return ready.get(key);
  }

  void go() throws IOException {
    send("go");
  }

  /** The server's counters now. */
  Map<String, Long> stats() throws Exception {
    send("stats");
    Map<String, Long> out = new HashMap<>();
    fields(reply("STATS", 60)).forEach((k, v) -> out.put(k, Long.parseLong(v)));
    return out;
  }

  @Override
  public void close() throws Exception {
    try {
      send("quit");
    } catch (IOException e) {
      // already gone
    }
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    }
  }

  private void send(String command) throws IOException {
    commands.write(command + "\n");
    commands.flush();
  }

  private String reply(String prefix, int seconds) throws Exception {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (System.nanoTime() < end) {
      String line = replies.poll(1, TimeUnit.SECONDS);
      if (line != null && line.startsWith(prefix + " ")) {
        return line;
      }
      if (line == null && !process.isAlive()) {
        break;
      }
    }
    throw new IllegalStateException("the server sent no " + prefix + " line; its log: " + log);
  }

  private void readReplies() {
    try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
         Writer out = Files.newBufferedWriter(log.resolveSibling(log.getFileName() + ".out"))) {
      for (String line; (line = in.readLine()) != null; ) {
        if (line.startsWith("READY ") || line.startsWith("STATS ")) {
          replies.add(line);
        } else {
          out.write(line + "\n");
          out.flush();
        }
      }
    } catch (IOException e) {
      // the process ended
    }
  }

  private static Map<String, String> fields(String line) {
    Map<String, String> out = new HashMap<>();
    Arrays.stream(line.split(" ")).skip(1).map(f -> f.split("=", 2)).filter(kv -> kv.length == 2)
        .forEach(kv -> out.put(kv[0], kv[1]));
    return out;
  }
}
