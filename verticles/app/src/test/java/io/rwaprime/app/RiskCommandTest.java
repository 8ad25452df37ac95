package io.rwaprime.app;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The {@code risk} command against the hand-computed values of verticles/risk's tests (Fixtures: returns +2 %,
 * −3 %, +1 %, −2 %, +4 %; BetaCorrelationTest's two series) and its bad-input exits.
 */
class RiskCommandTest {

  @TempDir
  Path dir;

  private record Outcome(int code, String out, String err) {
    JsonObject json() {
      return new JsonObject(out);
    }
  }

  private static Outcome run(String... args) {
    CommandLine cli = Main.commandLine();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    int code = cli.execute(args);
    return new Outcome(code, out.toString(), err.toString());
  }

  private Path csv(String name, String... lines) throws IOException {
    Path p = dir.resolve(name);
    Files.write(p, List.of(lines));
    return p;
  }

  /** Prices 100, 102, 98.94, 99.9294, 97.930812, 101.84804448 (the five returns of the risk tests). */
  private Path five() throws IOException {
    return csv("five.csv", "time,price", "2025-01-01,100", "2025-01-02,102", "2025-01-03,98.94", "2025-01-04,99.9294",
        "2025-01-05,97.930812", "2025-01-06,101.84804448");
  }

  @Test
  @DisplayName("prints every documented key, with the hand-computed values of the risk tests")
  void matchesHandComputedValues() throws Exception {
    Outcome o = run("risk", "--input", five().toString(), "--horizon", "1", "--periods-per-year", "252",
        "--risk-free", "0.0252");
    assertThat(o.code()).as(o.err()).isZero();
    JsonObject j = o.json();
    assertThat(j.fieldNames()).contains("volatility", "sharpe", "sortino", "max_drawdown", "var_historical",
        "var_parametric", "var_cornish_fisher", "var_monte_carlo", "cvar_historical", "beta");
    assertThat(j.getDouble("volatility")).isCloseTo(0.45584072185514823, within(1e-12));
    assertThat(j.getDouble("sharpe")).isCloseTo(2.14894762700594, within(1e-12));
    assertThat(j.getDouble("sortino")).isCloseTo(3.9379807398833626, within(1e-12));
    // worst return −3 % (n = 5, k = ⌈0.25⌉ = 1); max drawdown 1 − 97.930812 / 102 from day 2 to day 5
    assertThat(j.getJsonObject("var_historical").getJsonObject("95").getDouble("1")).isCloseTo(0.03, within(1e-12));
    assertThat(j.getJsonObject("cvar_historical").getJsonObject("99").getDouble("1")).isCloseTo(0.03, within(1e-12));
    assertThat(j.getDouble("max_drawdown")).isCloseTo(1 - 97.930812 / 102, within(1e-12));
    assertThat(j.getJsonObject("var_parametric").getJsonObject("95").getDouble("1"))
        .isCloseTo(0.04338777339039251, within(1e-12));
    assertThat(j.getJsonObject("var_parametric").getJsonObject("99").getDouble("1"))
        .isCloseTo(0.06302143222712495, within(1e-12));
    assertThat(j.getJsonObject("var_cornish_fisher").getJsonObject("95").getDouble("1"))
        .isCloseTo(0.04443785707472405, within(1e-12));
    // 100,000 normal paths with the sample μ, σ: within Monte Carlo error of the parametric figure
    assertThat(j.getJsonObject("var_monte_carlo").getJsonObject("95").getDouble("1")).isCloseTo(0.0434, within(0.002));
    assertThat(j.getValue("beta")).isNull();
    assertThat(j.getJsonObject("unavailable").getString("beta")).isEqualTo("no --benchmark given");
    assertThat(j.getJsonObject("input").getString("from")).isEqualTo("2025-01-01T00:00:00Z");
  }

  @Test
  void keysFollowConfidenceAndHorizonOptions() throws Exception {
    Path p = csv("long.csv", "value", "100", "101", "99", "102", "98", "103", "97", "104", "100", "101", "99", "102",
        "103", "101");
    JsonObject j = run("risk", "--input", p.toString(), "--confidence", "97.5", "--horizon", "1,10").json();
    JsonObject h = j.getJsonObject("var_historical").getJsonObject("97.5");
    assertThat(h.fieldNames()).containsExactlyInAnyOrder("1", "10");
    assertThat(j.getJsonObject("var_parametric").fieldNames()).containsExactly("97.5");
    assertThat(j.getJsonObject("input").containsKey("from")).isFalse();
  }

  @Test
  @DisplayName("beta aligns the two series on time: extra points on either side are ignored")
  void betaAlignsOnTime() throws Exception {
    Path asset = csv("a.csv", "time,price", "1970-01-02,100", "1970-01-03,102", "1970-01-04,100.98",
        "1970-01-05,104.0094", "1970-01-06,102.969306", "1970-01-07,500");
    Path bench = csv("b.csv", "time,price", "1970-01-02,100", "1970-01-03,101", "1970-01-03T12:00:00Z,150",
        "1970-01-04,99.99", "1970-01-05,101.9898", "1970-01-06,101.9898");
    Outcome o = run("risk", "--input", asset.toString(), "--benchmark", bench.toString(), "--horizon", "1");
    assertThat(o.code()).as(o.err()).isZero();
    assertThat(o.json().getDouble("beta")).isCloseTo(1.5, within(1e-9));
    assertThat(o.json().getDouble("correlation")).isCloseTo(0.9393364366277243, within(1e-9));
    assertThat(o.json().getInteger("benchmark_common_times")).isEqualTo(5);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "too short|price;100;101;102|series too short: 3 prices, at least 12 needed",
      "zero variance|price;1;1;1;1;1;1;1;1;1;1;1;1;1|zero variance",
      "NaN price|price;100;NaN;102|line 3: price is not a finite number (NaN)",
      "non-positive price|price;100;0;102|line 3: price is not positive (0)",
      "no price column|close;100;101|no price or value column",
      "bad time|time,price;yesterday,100|line 2: time 'yesterday'",
      "repeated time|time,price;2025-01-01,1;2025-01-01,2|have the same time"})
  void badDataExitsWith65AndOneLine(String name, String lines, String message) throws Exception {
    Outcome o = run("risk", "--input", csv("bad.csv", lines.split(";")).toString());
    assertThat(o.code()).isEqualTo(65);
    assertThat(o.err()).contains(message).doesNotContain("Exception").doesNotContain("\tat ");
    assertThat(o.err().strip().lines()).hasSize(1);
    assertThat(o.out()).isEmpty();
  }

  @Test
  void misalignedBenchmarkIsADataError() throws Exception {
    Path bench = csv("b.csv", "time,price", "2024-01-01,1", "2024-01-02,2", "2024-01-03,3", "2024-01-04,4",
        "2024-01-05,5", "2024-01-06,6");
    Outcome o = run("risk", "--input", five().toString(), "--benchmark", bench.toString(), "--horizon", "1");
    assertThat(o.code()).isEqualTo(65);
    assertThat(o.err()).contains("--benchmark: ").contains("misaligned");
    Path untimed = csv("u.csv", "price", "1", "2", "3", "4", "5", "6");
    assertThat(run("risk", "--input", five().toString(), "--benchmark", untimed.toString(), "--horizon", "1").err())
        .contains("only one of the two files has a time column");
  }

  @Test
  void badOptionsExitWithTwo() throws Exception {
    assertThat(run("risk", "--input", dir.resolve("missing.csv").toString()).code()).isEqualTo(2);
    assertThat(run("risk", "--input", five().toString(), "--confidence", "101").err()).contains("--confidence");
    assertThat(run("risk", "--input", five().toString(), "--horizon", "0").code()).isEqualTo(2);
    assertThat(run("risk", "--input", five().toString(), "--periods-per-year", "-1").code()).isEqualTo(2);
    assertThat(run("risk").code()).isEqualTo(2);
  }
}
