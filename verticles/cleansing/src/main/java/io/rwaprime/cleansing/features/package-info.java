/**
 * Gold-stage rolling features per asset (returns, moving averages, realized volatility, drawdown, yield
 * spread, NAV premium) computed from closed bars, as plain Java with no Vert.x; see
 * {@link io.rwaprime.cleansing.features.FeatureCalculator}.
 */
package io.rwaprime.cleansing.features;
