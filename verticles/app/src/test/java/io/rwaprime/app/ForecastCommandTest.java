package io.rwaprime.app;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The {@code forecast} and {@code backtest} commands in-process, as an analyst calls them. */
class ForecastCommandTest {

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

  /** log(AirPassengers) from the ml module's copy of R's dataset, with monthly times. */
  private Path logAirPassengers() throws IOException {
    Path root = Path.of("").toAbsolutePath();
    while (!Files.isDirectory(root.resolve("ml/src/test/resources"))) {
      root = root.getParent();
    }
    List<String> raw = Files.readAllLines(root.resolve("ml/src/test/resources/io/rwaprime/ml/datasets/AirPassengers.txt"))
        .stream().filter(l -> !l.isBlank()).toList();
    StringBuilder csv = new StringBuilder("time,value\n");
    for (int i = 0; i < raw.size(); i++) {
      csv.append(String.format("%d-%02d,%s%n", 1949 + i / 12, i % 12 + 1, Math.log(Double.parseDouble(raw.get(i).trim()))));
    }
    return Files.writeString(dir.resolve("logair.csv"), csv);
  }

  private Path csv(String name, String content) throws IOException {
    return Files.writeString(dir.resolve(name), content);
  }

  private Path randomWalk(Path folder, String name, long seed, int n) throws IOException {
    Random rnd = new Random(seed);
    StringBuilder sb = new StringBuilder("value\n");
    double y = 100;
    for (int i = 0; i < n; i++) {
      y += rnd.nextGaussian();
      sb.append(y).append('\n');
    }
    return Files.writeString(folder.resolve(name), sb);
  }

  @Test
  @DisplayName("the airline model on log(AirPassengers) reproduces R: ma1 -0.4018, sma1 -0.5569, loglik 244.70")
  void reproducesRsAirlineFit() throws IOException {
    Outcome o = run("forecast", "--input", logAirPassengers().toString(), "--frequency", "12", "--model", "arima",
        "--order", "0,1,1", "--seasonal", "0,1,1", "--horizon", "3");
    assertThat(o.code()).as(o.err()).isZero();
    JsonObject j = o.json();
    assertThat(j.getString("model")).isEqualTo("ARIMA(0,1,1)(0,1,1)[12]");
    assertThat(j.getJsonObject("coefficients").fieldNames()).containsExactly("ma1", "sma1");
    assertThat(j.getJsonObject("coefficients").getDouble("ma1")).isCloseTo(-0.4018, within(0.0005));
    assertThat(j.getJsonObject("coefficients").getDouble("sma1")).isCloseTo(-0.5569, within(0.0005));
    assertThat(j.getDouble("loglik")).isCloseTo(244.70, within(0.005));
    assertThat(j.getDouble("sigma2")).isCloseTo(0.001348, within(0.0000005));
    assertThat(j.getDouble("aic")).isCloseTo(-483.40, within(0.005));
    // forecast's Arima() prints AICc=-483.21 BIC=-474.77; predict() gives 6.110186, 6.053775, 6.171715
    assertThat(j.getDouble("aicc")).isCloseTo(-483.21, within(0.005));
    assertThat(j.getDouble("bic")).isCloseTo(-474.77, within(0.005));
    JsonArray fc = j.getJsonArray("forecast");
    assertThat(fc).hasSize(3);
    assertThat(fc.getJsonObject(0).fieldNames()).containsExactly("step", "mean", "lower80", "upper80", "lower95", "upper95");
    assertThat(fc.getJsonObject(0).getDouble("mean")).isCloseTo(6.110186, within(0.0000005));
    assertThat(fc.getJsonObject(2).getDouble("mean")).isCloseTo(6.171715, within(0.0000005));
    assertThat(o.err()).isEmpty();
  }

  @Test
  @DisplayName("a folder and several files run in one JVM and print a JSON array, one object per file")
  void batchesFilesAndFolders() throws IOException {
    Path folder = Files.createDirectory(dir.resolve("series"));
    randomWalk(folder, "a.csv", 1, 60);
    randomWalk(folder, "b.csv", 2, 80);
    Files.writeString(folder.resolve("notes.txt"), "ignored");
    Outcome o = run("forecast", "--input", folder.toString(), "--model", "drift", "--horizon", "5", "--level", "90");
    assertThat(o.code()).as(o.err()).isZero();
    JsonArray arr = new JsonArray(o.out());
    assertThat(arr).hasSize(2);
    assertThat(arr.getJsonObject(0).getString("input")).endsWith("a.csv");
    assertThat(arr.getJsonObject(1).getString("model")).isEqualTo("Random walk with drift");
    assertThat(arr.getJsonObject(1).getJsonArray("forecast").getJsonObject(4).fieldNames()).contains("lower90", "upper90");
    assertThat(o.err()).contains("forecast [2/2]");

    Path bad = csv("bad.csv", "value\n1\nx\n");
    Outcome mixed = run("forecast", "--input", folder.resolve("a.csv").toString(), bad.toString(), "--model", "naive");
    assertThat(mixed.code()).isEqualTo(65);
    JsonArray m = new JsonArray(mixed.out());
    assertThat(m.getJsonObject(0).getJsonArray("forecast")).hasSize(10);
    assertThat(m.getJsonObject(1).getString("error")).contains("line 3").contains("not a number");
  }

  @Test
  @DisplayName("bad data exits 65 with one line naming the problem, never a stack trace")
  void badDataExits65WithOneLine() throws IOException {
    assertBadInput(csv("short.csv", "value\n1\n2\n3\n5\n4\n6\n7\n9\n8\n10\n12\n11\n13\n15\n"),
        "too short", "--frequency", "12", "--model", "arima", "--order", "0,1,1", "--seasonal", "0,1,1");
    assertBadInput(csv("const.csv", "value\n5\n5\n5\n5\n5\n5\n"), "constant");
    assertBadInput(csv("gap.csv", "time,value\n2024-01-01,1\n2024-01-02,\n2024-01-03,3\n"), "line 3", "gap");
    assertBadInput(csv("nan.csv", "value\n1\nNaN\n3\n4\n"), "line 3", "missing value");
    assertBadInput(csv("nocol.csv", "time,price\n2024-01-01,1\n2024-01-02,2\n"), "no 'value' column");
    assertBadInput(csv("text.csv", "value\n1\n2\nabc\n4\n"), "line 4", "'abc' is not a number");
    assertBadInput(csv("order.csv", "time,value\n2024-01-02,1\n2024-01-01,2\n2024-01-03,3\n"), "increasing time order");
    assertBadInput(csv("empty.csv", "value\n"), "no data rows");
    assertBadInput(csv("snaive.csv", "value\n1\n2\n3\n"), "too short", "--model", "snaive", "--frequency", "12");
  }

  private void assertBadInput(Path file, String... expectAndArgs) {
    int split = 0;
    while (split < expectAndArgs.length && !expectAndArgs[split].startsWith("--")) {
      split++;
    }
    String[] extra = java.util.Arrays.copyOfRange(expectAndArgs, split, expectAndArgs.length);
    String[] args = new String[3 + extra.length];
    args[0] = "forecast";
    args[1] = "--input";
    args[2] = file.toString();
    System.arraycopy(extra, 0, args, 3, extra.length);
    Outcome o = run(args);
    assertThat(o.code()).as(file + ": " + o.err()).isEqualTo(65);
    assertThat(o.out()).isEmpty();
    assertThat(o.err().strip()).doesNotContain("\n").doesNotContain("\tat ").contains(file.getFileName().toString());
    for (int i = 0; i < split; i++) {
      assertThat(o.err()).contains(expectAndArgs[i]);
    }
  }

  @Test
  @DisplayName("usage errors exit 2: bad LSTM device, unknown model, ARIMA options on other models, bad order")
  void usageErrorsExitTwo() throws IOException {
    Path f = randomWalk(dir, "rw.csv", 3, 40);
    Outcome lstm = run("forecast", "--input", f.toString(), "--model", "lstm", "--device", "tpu");
    assertThat(lstm.code()).isEqualTo(2);
    assertThat(lstm.err()).contains("auto, cpu or gpu");
    assertThat(run("forecast", "--input", f.toString(), "--model", "naive", "--lstm-window", "5").code()).isEqualTo(2);
    assertThat(run("forecast", "--input", f.toString(), "--model", "prophet").err()).contains("known: arima");
    assertThat(run("forecast", "--input", f.toString(), "--model", "naive", "--order", "1,0,0").code()).isEqualTo(2);
    assertThat(run("forecast", "--input", f.toString(), "--model", "arima", "--order", "1,x,0").code()).isEqualTo(2);
    assertThat(run("forecast", "--input", f.toString(), "--model", "arima").code()).isEqualTo(2);
    assertThat(run("forecast", "--input", f.toString(), "--level", "100").code()).isEqualTo(2);
    assertThat(run("forecast", "--input", dir.resolve("missing.csv").toString()).code()).isEqualTo(2);
    assertThat(run("backtest", "--input", f.toString(), "--window", "rolling").code()).isEqualTo(2);
    assertThat(run("forecast", "--input", f.toString(), "--model", "lstm", "--device", "tpu").out()).isEmpty();
  }

  @Test
  @DisplayName("--model lstm prints the ARIMA JSON shape: LSTM(W=..,units=..), no coefficients, null loglik, ordered bands")
  void lstmForecastsWithQuantileBands() throws IOException {
    Path f = randomWalk(dir, "rw.csv", 6, 300);
    Outcome o = run("forecast", "--input", f.toString(), "--model", "lstm", "--device", "cpu", "--horizon", "7");
    assertThat(o.code()).as(o.err()).isZero();
    JsonObject j = o.json();
    assertThat(j.getString("model")).isEqualTo("LSTM(W=20,units=32)");
    assertThat(j.getJsonObject("coefficients").isEmpty()).isTrue();
    assertThat(j.getValue("loglik")).isNull();
    assertThat(j.getValue("aic")).isNull();
    assertThat(j.getJsonArray("forecast")).hasSize(7);
    for (int i = 0; i < 7; i++) {
      JsonObject s = j.getJsonArray("forecast").getJsonObject(i);
      assertThat(s.getDouble("lower95")).isLessThanOrEqualTo(s.getDouble("lower80"));
      assertThat(s.getDouble("lower80")).isLessThanOrEqualTo(s.getDouble("mean"));
      assertThat(s.getDouble("mean")).isLessThanOrEqualTo(s.getDouble("upper80"));
      assertThat(s.getDouble("upper80")).isLessThanOrEqualTo(s.getDouble("upper95"));
    }
    Outcome shortSeries = run("forecast", "--input", randomWalk(dir, "short.csv", 7, 30).toString(), "--model", "lstm",
        "--device", "cpu");
    assertThat(shortSeries.code()).isEqualTo(ForecastCommand.EXIT_DATA);
    assertThat(shortSeries.err()).contains("too short for the LSTM");
  }

  @Test
  @DisplayName("the ensemble reports its inverse-MASE weights as coefficients and calibrated intervals")
  void ensembleReportsWeights() throws IOException {
    Path f = randomWalk(dir, "rw.csv", 5, 70);
    Outcome o = run("forecast", "--input", f.toString(), "--model", "ensemble", "--horizon", "3");
    assertThat(o.code()).as(o.err()).isZero();
    JsonObject j = o.json();
    assertThat(j.getString("model")).startsWith("Ensemble(auto-arima: ARIMA(");
    JsonObject w = j.getJsonObject("coefficients");
    assertThat(w.fieldNames()).containsExactly("auto-arima", "naive", "drift");
    assertThat(w.getDouble("auto-arima") + w.getDouble("naive") + w.getDouble("drift")).isCloseTo(1.0, within(1e-12));
    assertThat(j.getValue("loglik")).isNull();
    JsonObject step = j.getJsonArray("forecast").getJsonObject(2);
    assertThat(step.getDouble("lower95")).isLessThan(step.getDouble("lower80"));
    assertThat(step.getDouble("upper95")).isGreaterThan(step.getDouble("upper80"));
  }

  @Test
  @DisplayName("backtest prints pooled and per-step metrics and the sign strategy")
  void backtestPrintsMetrics() throws IOException {
    Path f = randomWalk(dir, "rw.csv", 4, 120);
    Outcome o = run("backtest", "--input", f.toString(), "--model", "naive", "--horizon", "3", "--origins", "20",
        "--step", "2", "--window", "sliding", "--periods-per-year", "365");
    assertThat(o.code()).as(o.err()).isZero();
    JsonObject j = o.json();
    assertThat(j.getJsonArray("origins")).hasSize(20);
    assertThat(j.getJsonArray("origins").getInteger(19)).isEqualTo(117);
    assertThat(j.getJsonObject("metrics").fieldNames())
        .contains("mae", "rmse", "mape", "smape", "mase", "coverage80", "coverage95", "winkler80", "winkler95");
    assertThat(j.getJsonObject("metrics").getInteger("count")).isEqualTo(60);
    assertThat(j.getJsonArray("per_step")).hasSize(3);
    // naive forecasts equal the last value: no position, no trades that earn anything
    assertThat(j.getJsonObject("strategy").getDouble("mean_return")).isZero();
    assertThat(j.getJsonObject("strategy").getValue("sharpe")).isNull();

    Outcome arima = run("backtest", "--input", logAirPassengers().toString(), "--frequency", "12", "--model", "arima",
        "--order", "0,1,1", "--seasonal", "0,1,1", "--horizon", "12", "--origins", "3", "--step", "12");
    assertThat(arima.code()).as(arima.err()).isZero();
    assertThat(arima.json().getJsonObject("metrics").getDouble("mase")).isBetween(0.1, 1.0);
  }
}
