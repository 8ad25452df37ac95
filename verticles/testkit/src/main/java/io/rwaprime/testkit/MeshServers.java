package io.rwaprime.testkit;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.CountDownLatch;

/**
 * The shared servers of a multi-process mesh on one machine ({@code ./rwa mesh}): a Kafka broker (KRaft) and a
 * PostgreSQL, both real and on loopback, started once; writes their addresses as {@code RWA_*} environment lines to
 * the file named by the first argument and runs until it is stopped (SIGTERM/SIGINT).
 *
 * <p>{@code java -cp <testkit jar and its classpath> io.rwaprime.testkit.MeshServers data/mesh/servers.env}
 */
public final class MeshServers {

  private MeshServers() {}

  public static void main(String[] args) throws Exception {
    Path env = Path.of(args.length > 0 ? args[0] : "servers.env");
    KafkaBroker kafka = KafkaBroker.instance();
    PostgresServer pg = PostgresServer.instance();
    String db = pg.createDatabase("mesh");
    String lines = String.join("\n",
        "RWA_KAFKA_BOOTSTRAP_SERVERS=" + kafka.bootstrapServers(),
        "RWA_DATABASE_URL=postgresql://" + pg.host() + ":" + pg.port() + "/" + db,
        "RWA_DATABASE_USER=" + pg.user(),
        "RWA_DATABASE_PASSWORD=" + pg.password()) + "\n";
    Files.createDirectories(env.toAbsolutePath().getParent());
    Path tmp = env.resolveSibling(env.getFileName() + ".tmp");
    Files.writeString(tmp, lines, StandardCharsets.UTF_8);
    Files.move(tmp, env, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    System.out.println("mesh servers ready: Kafka " + kafka.bootstrapServers() + ", PostgreSQL " + pg.host() + ":"
        + pg.port() + "/" + db + " (" + env + ")");
    CountDownLatch stop = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(stop::countDown, "mesh-servers-stop"));
    stop.await();
  }
}
