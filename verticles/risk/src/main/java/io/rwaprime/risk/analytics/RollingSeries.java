package io.rwaprime.risk.analytics;

import java.util.List;
import java.util.OptionalLong;

/**
 * A metric evaluated over a sliding window of W returns. The point at price index t uses the
 * returns ending at t, i.e. prices t − W … t; the first point is at index W. Windows where the
 * metric is undefined (e.g. a flat stretch has no Sharpe ratio) are not dropped silently: their
 * end indices are listed in {@code undefinedAt} together with the reason.
 *
 * @param metric      metric name, e.g. "volatility"
 * @param window      W, returns per window
 * @param points      defined values in time order
 * @param undefinedAt end indices of windows where the metric is undefined
 * @param reason      why those windows are undefined (empty when none are)
 */
public record RollingSeries(String metric, int window, List<Point> points, List<Integer> undefinedAt,
                            String reason) {

    /** Copies the lists. */
    public RollingSeries {
        points = List.copyOf(points);
        undefinedAt = List.copyOf(undefinedAt);
    }

    /**
     * One window's value.
     *
     * @param endIndex    price index of the window's last price
     * @param epochMillis that price's timestamp, empty when the series has none
     * @param value       the metric over the window
     */
    public record Point(int endIndex, OptionalLong epochMillis, double value) {
    }
}
