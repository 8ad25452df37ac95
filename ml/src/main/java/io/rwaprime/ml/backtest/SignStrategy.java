package io.rwaprime.ml.backtest;

/**
 * A trading rule judged on backtest forecasts: at each origin, hold +1 unit if the one-step
 * forecast is above the last observation, -1 if below, 0 if equal, for one period. The
 * series is read as a price: the period's return is r = (y_{T+1} - y_T) / |y_T| and the
 * strategy earns s·r (origins with y_T = 0 are skipped). With A periods a year
 * (1 = not annualised):
 * <ul>
 *   <li>Sharpe = mean(s·r) / sd(s·r) · √A, sd with divisor n - 1 (risk-free rate 0);</li>
 *   <li>Sortino = mean(s·r) / DD · √A, DD = √(mean(min(s·r, 0)²)) over all n periods
 *       (target 0; Sortino &amp; Price 1994); NaN when there is no losing period;</li>
 *   <li>max drawdown = max_k (1 - E_k / max_{j≤k} E_j), E_0 = 1, E_k = ∏ (1 + s·r_i): the
 *       largest peak-to-trough fall of the compounded equity, as a fraction.</li>
 * </ul>
 * With {@code step} &gt; 1 the trades are one period every {@code step} periods. Kept apart
 * from the risk module on purpose: these are the forecast's own diagnostics.
 *
 * @param trades      periods evaluated
 * @param hitRate     share of periods with s·r &gt; 0 among those with s ≠ 0
 * @param meanReturn  mean s·r per period
 * @param sharpe      Sharpe ratio (NaN with fewer than 2 periods or zero spread)
 * @param sortino     Sortino ratio
 * @param maxDrawdown maximum drawdown, 0..1 (0 when equity never falls)
 */
public record SignStrategy(int trades, double hitRate, double meanReturn, double sharpe,
                           double sortino, double maxDrawdown) {

    /** Evaluates the rule on {@code r}'s one-step forecasts. */
    public static SignStrategy of(BacktestResult r, double periodsPerYear) {
        if (!(periodsPerYear > 0)) {
            throw new IllegalArgumentException("periods per year must be > 0, got " + periodsPerYear);
        }
        double[] ret = new double[r.originCount()];
        int n = 0;
        int active = 0;
        int hits = 0;
        for (int k = 0; k < r.originCount(); k++) {
            double y0 = r.last()[k];
            if (y0 == 0) {
                continue;
            }
            double s = Math.signum(r.mean()[k][0] - y0);
            double x = s * (r.actual()[k][0] - y0) / Math.abs(y0);
            ret[n++] = x;
            if (s != 0) {
                active++;
                hits += x > 0 ? 1 : 0;
            }
        }
        double mean = 0;
        for (int i = 0; i < n; i++) {
            mean += ret[i];
        }
        mean = n == 0 ? Double.NaN : mean / n;
        double var = 0;
        double down = 0;
        double equity = 1;
        double peak = 1;
        double mdd = 0;
        for (int i = 0; i < n; i++) {
            var += (ret[i] - mean) * (ret[i] - mean);
            down += ret[i] < 0 ? ret[i] * ret[i] : 0;
            equity *= 1 + ret[i];
            peak = Math.max(peak, equity);
            mdd = Math.max(mdd, 1 - equity / peak);
        }
        double sd = n > 1 ? Math.sqrt(var / (n - 1)) : Double.NaN;
        double dd = n > 0 ? Math.sqrt(down / n) : Double.NaN;
        double ann = Math.sqrt(periodsPerYear);
        return new SignStrategy(n, active == 0 ? Double.NaN : (double) hits / active, mean,
                sd > 0 ? mean / sd * ann : Double.NaN, dd > 0 ? mean / dd * ann : Double.NaN,
                mdd);
    }
}
