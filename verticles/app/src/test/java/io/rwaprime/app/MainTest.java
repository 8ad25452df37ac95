package io.rwaprime.app;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.assertj.core.api.Assertions.assertThat;

class MainTest {

  private record Outcome(int code, String out, String err) {}

  private static Outcome run(String... args) {
    CommandLine cli = Main.commandLine();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    int code = cli.execute(args);
    return new Outcome(code, out.toString(), err.toString());
  }

  @Test
  void helpListsCommandsAndOptions() {
    Outcome top = run("--help");
    assertThat(top.code()).isZero();
    assertThat(top.out()).contains("run").contains("Real-time analytics mesh");
    Outcome runHelp = run("run", "--help");
    assertThat(runHelp.code()).isZero();
    assertThat(runHelp.out()).contains("--roles").contains("--cluster").contains("--config").contains("--http-port")
        .contains("ingestion").contains("cleansing").contains("api");
  }

  @Test
  void unknownOptionExitsWithTwo() {
    Outcome o = run("run", "--colour=blue");
    assertThat(o.code()).isEqualTo(2);
    assertThat(o.err()).contains("--colour");
  }

  @Test
  void unknownCommandExitsWithTwo() {
    Outcome o = run("launch");
    assertThat(o.code()).isEqualTo(2);
    assertThat(o.err()).contains("launch");
  }

  @Test
  void unknownRoleExitsWithTwoNamingIt() {
    Outcome o = run("run", "--roles=ingestion,teleport");
    assertThat(o.code()).isEqualTo(2);
    assertThat(o.err()).contains("unknown role 'teleport'").contains("known: all, cleansing, risk, forecasting, api, fanout, alerts, bridge, onchain, ingestion");
  }

  @Test
  void emptyRoleListExitsWithTwo() {
    Outcome o = run("run", "--roles=,");
    assertThat(o.code()).isEqualTo(2);
  }

  @Test
  void badHttpPortExitsWithTwo() {
    assertThat(run("run", "--http-port=99999").code()).isEqualTo(2);
    assertThat(run("run", "--http-port=eighty").code()).isEqualTo(2);
  }

  @Test
  void invalidConfigurationExitsNonZeroNamingTheKey() {
    java.io.PrintStream saved = System.err;
    java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
    System.setProperty("rwa.database.pool-size", "-3");
    System.setErr(new java.io.PrintStream(captured, true, java.nio.charset.StandardCharsets.UTF_8));
    try {
      Outcome o = run("run", "--roles=api");
      assertThat(o.code()).isEqualTo(RunCommand.EXIT_CONFIG);
    } finally {
      System.setErr(saved);
      System.clearProperty("rwa.database.pool-size");
    }
    assertThat(captured.toString(java.nio.charset.StandardCharsets.UTF_8))
        .contains("database.pool-size").contains("must be between 1 and 512");
  }

  @Test
  void rolesResolveInDeploymentOrder() {
    assertThat(Roles.resolve(java.util.List.of("all"))).containsExactly("cleansing", "risk", "forecasting", "api", "fanout", "alerts", "bridge", "onchain",
        "ingestion");
    assertThat(Roles.resolve(java.util.List.of("ingestion", "CLEANSING"))).containsExactly("cleansing", "ingestion");
  }
}
