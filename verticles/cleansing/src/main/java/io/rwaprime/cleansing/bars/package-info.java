/**
 * The cleansing stage's computations on accepted ticks, as plain Java with no Vert.x: duplicate
 * detection ({@link io.rwaprime.cleansing.bars.Deduplicator}), price outlier flagging
 * ({@link io.rwaprime.cleansing.bars.HampelFilter}) and event-time OHLCV bars with late corrections and
 * multi-source reconciliation ({@link io.rwaprime.cleansing.bars.BarAggregator}). The cleansing verticle
 * chains them in that order on its event loop; each class is single-threaded.
 */
package io.rwaprime.cleansing.bars;
