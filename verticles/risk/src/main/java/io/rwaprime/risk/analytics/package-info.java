/**
 * Market-risk analytics as plain Java (no Vert.x): returns, historical / parametric /
 * Cornish–Fisher / Monte Carlo VaR and CVaR, volatility, Sharpe, Sortino, drawdown, beta and
 * correlation on time-aligned series, rolling metrics, sample and Ledoit–Wolf shrunk covariance,
 * and parametric portfolio VaR with Euler component allocation.
 *
 * <p>Conventions shared by every class (and written out in {@code verticles/risk/RISK-DEFINITIONS.md}):
 * <ul>
 *   <li>VaR and CVaR are reported as <b>positive loss fractions</b> of the position value
 *       (0.031 = a 3.1 % loss); a negative number means the quantile is a gain.</li>
 *   <li>"Confidence" is the VaR level c (0.95, 0.99); the tail probability is 1 − c.</li>
 *   <li>Standard deviations are sample ones (n − 1 denominator) unless a class says otherwise.</li>
 *   <li>Bad input throws {@link java.lang.IllegalArgumentException} with a message that names
 *       the metric, the offending index or the minimum length; no metric returns NaN or
 *       Infinity.</li>
 * </ul>
 */
package io.rwaprime.risk.analytics;
