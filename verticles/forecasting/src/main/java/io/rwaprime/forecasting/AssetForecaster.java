package io.rwaprime.forecasting;

import io.rwaprime.common.config.RwaConfig;
import io.rwaprime.events.BarInterval;
import io.rwaprime.events.ForecastStep;
import io.rwaprime.ml.arima.AutoArima;
import io.rwaprime.ml.backtest.BacktestPlan;
import io.rwaprime.ml.ensemble.EnsembleForecaster;
import io.rwaprime.ml.forecast.Forecaster;
import io.rwaprime.ml.lstm.LstmForecaster;
import io.rwaprime.ml.lstm.LstmOptions;
import io.rwaprime.ml.ensemble.EnsembleModel;
import io.rwaprime.ml.forecast.ArimaForecaster;
import io.rwaprime.ml.forecast.FittedModel;
import io.rwaprime.ml.forecast.Forecast;
import io.rwaprime.ml.forecast.RandomWalkForecaster;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Fits one asset (blocking: call it on a worker thread). Daily closes give the 7- and 30-day horizons, hourly
 * closes the 1- and 7-day ones; the series is treated as non-seasonal (frequency 1). The model is the
 * ensemble of stepwise auto-ARIMA (p, q ≤ 2, p + q ≤ 3), naive and drift with conformal intervals, weighted and
 * calibrated on a rolling-origin backtest of up to {@code backtest-origins} origins (every 3rd day, or every 2nd
 * hour over the first 24 hourly steps); when the series holds fewer than 5 origins, or the ensemble fails, the
 * drift baseline with its own normal intervals.
 */
final class AssetForecaster {

  private static final Logger LOG = LoggerFactory.getLogger(AssetForecaster.class);
  private static final int MIN_TRAIN = 30;
  private static final int MIN_ORIGINS = 5;
  private static final DateTimeFormatter VERSION_TIME =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
  private static final AutoArima.Options ARIMA = new AutoArima.Options(2, 2, 1, 1, 3, 2, 1, true, null,
      AutoArima.Criterion.AICC, 40);

  private final RwaConfig.Forecasting cfg;

  AssetForecaster(RwaConfig.Forecasting cfg) {
    this.cfg = cfg;
  }

  /** Horizons in days for a bar interval, shortest first. */
  static int[] horizons(BarInterval interval) {
    return interval == BarInterval.D1 ? new int[] {7, 30} : new int[] {1, 7};
  }

  /** auto-ARIMA, naive and drift, and the LSTM when {@code forecasting.lstm.enabled} (it predicts all steps at once). */
  List<Forecaster> members(int maxSteps) {
    List<Forecaster> members = new ArrayList<>(List.of(ArimaForecaster.auto(ARIMA), RandomWalkForecaster.naive(),
        RandomWalkForecaster.drift()));
    RwaConfig.Lstm l = cfg.lstm();
    if (l.enabled()) {
      LstmOptions d = LstmOptions.defaults();
      members.add(new LstmForecaster(new LstmOptions(l.window(), maxSteps, l.units(), l.maxEpochs(), d.batchSize(),
          d.learningRate(), d.patience(), d.validationFraction(), d.seed(), LstmOptions.Device.parse(l.device()),
          d.threads())));
    }
    return members;
  }

  AssetForecast fit(Series s, Instant generatedAt) {
    boolean daily = s.interval() == BarInterval.D1;
    int perDay = daily ? 1 : 24;
    int[] days = horizons(s.interval());
    int maxSteps = days[days.length - 1] * perDay;
    int planH = Math.min(maxSteps, daily ? 30 : 24);
    int step = daily ? 3 : 2;
    int origins = cfg.backtestOrigins() == 0 ? 0
        : Math.min(cfg.backtestOrigins(), (s.size() - MIN_TRAIN - planH) / step + 1);
    double[] y = s.closes();
    List<String> notes = new ArrayList<>();
    FittedModel fitted = null;
    EnsembleModel ensemble = null;
    if (origins >= MIN_ORIGINS) {
      try {
        ensemble = (EnsembleModel) new EnsembleForecaster(members(maxSteps),
            new BacktestPlan(planH, step, origins, MIN_TRAIN, BacktestPlan.Window.EXPANDING)).fit(y, 1);
        fitted = ensemble;
        notes.addAll(ensemble.notes());
      } catch (RuntimeException e) {
        LOG.warn("ensemble failed, using the drift baseline [symbol: {}, reason: {}]", s.symbol(), e.toString());
        notes.add("ensemble: " + e.getMessage());
      }
    } else {
      notes.add("history too short for a backtest of " + MIN_ORIGINS + " origins: drift baseline");
    }
    if (fitted == null) {
      fitted = RandomWalkForecaster.drift().fit(y, 1);
    }
    String family = ensemble != null ? "ensemble" : "drift";
    Forecast fc = fitted.forecast(maxSteps, 80, 95);
    List<ForecastStep> path = path(fc, s);
    List<AssetForecast.Horizon> out = new ArrayList<>();
    for (int d : days) {
      JsonObject bt = ensemble == null ? null : EnsembleBacktest.of(ensemble, d * perDay);
      out.add(new AssetForecast.Horizon(d, path.subList(0, d * perDay), bt));
    }
    double scale = Math.sqrt(fitted.sigma2());
    JsonObject first = out.get(0).backtest();
    if (first != null && first.getDouble("mae") != null) {
      scale = first.getDouble("mae");
    }
    Map<String, Double> weights = ensemble == null ? Map.of() : ensemble.coefficients();
    String version = family + "-v1." + s.interval().label() + "." + VERSION_TIME.format(generatedAt);
    return new AssetForecast(s.symbol(), family, fitted.model(), version, generatedAt, s, weights, scale, out, notes);
  }

  /** The path as nested, non-negative decimals (prices cannot fall below 0; the 95 % band contains the 80 %). */
  private static List<ForecastStep> path(Forecast fc, Series s) {
    List<ForecastStep> out = new ArrayList<>(fc.horizon());
    for (Forecast.Step st : fc.steps()) {
      double mean = Math.max(0, st.mean());
      double lo80 = Math.min(st.interval(80).lower(), mean);
      double up80 = Math.max(st.interval(80).upper(), mean);
      double lo95 = Math.min(st.interval(95).lower(), lo80);
      double up95 = Math.max(st.interval(95).upper(), up80);
      out.add(new ForecastStep(st.step(), s.last().plus(s.interval().duration().multipliedBy(st.step())),
          dec(mean), dec(lo80), dec(up80), dec(lo95), dec(up95)));
    }
    return out;
  }

  private static BigDecimal dec(double v) {
    if (!Double.isFinite(v)) {
      throw new IllegalArgumentException("the model produced a non-finite forecast value");
    }
    return BigDecimal.valueOf(Math.max(0, v)).setScale(8, RoundingMode.HALF_EVEN).stripTrailingZeros();
  }
}
