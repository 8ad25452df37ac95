package io.rwaprime.forecasting;

import io.rwaprime.common.config.RwaConfig;
import io.rwaprime.events.BarInterval;
import io.vertx.core.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;

/**
 * Chooses the bars each asset is fitted on: the latest {@code max-history} daily closes when there are at least
 * {@code min-daily-bars}, else the latest hourly closes when there are at least {@code min-hourly-bars}; an
 * asset with fewer is skipped with a log line (a young deployment has no daily bars yet: not an error).
 */
final class SeriesLoader {

  private static final Logger LOG = LoggerFactory.getLogger(SeriesLoader.class);

  private final ForecastRepository repo;
  private final RwaConfig.Forecasting cfg;

  SeriesLoader(ForecastRepository repo, RwaConfig.Forecasting cfg) {
    this.repo = repo;
    this.cfg = cfg;
  }

  /** The series to fit, in the order of {@code symbols}. */
  Future<List<Series>> load(List<String> symbols) {
    return repo.closes(symbols, BarInterval.D1, cfg.maxHistory()).compose(daily -> {
      List<String> short1d = symbols.stream().filter(s -> size(daily.get(s)) < cfg.minDailyBars()).toList();
      Future<java.util.Map<String, Series>> hourly = short1d.isEmpty() ? Future.succeededFuture(java.util.Map.of())
          : repo.closes(short1d, BarInterval.H1, cfg.maxHistory());
      return hourly.map(h -> {
        List<Series> out = new ArrayList<>();
        for (String s : symbols) {
          Series d = daily.get(s);
          Series hs = h.get(s);
          if (size(d) >= cfg.minDailyBars()) {
            out.add(d);
          } else if (size(hs) >= cfg.minHourlyBars()) {
            out.add(hs);
          } else {
            LOG.info("too little history, asset skipped [symbol: {}, daily_bars: {}, needed: {}, hourly_bars: {}, "
                + "needed: {}]", s, size(d), cfg.minDailyBars(), size(hs), cfg.minHourlyBars());
          }
        }
        return out;
      });
    });
  }

  private static int size(Series s) {
    return s == null ? 0 : s.size();
  }
}
