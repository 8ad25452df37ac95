package io.rwaprime.risk.score;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Flags a score that moves by at least {@code thresholdPoints} within a sliding time window,
 * per asset. Each observation is compared with every earlier observation of the same asset
 * no older than {@code window} (at − window ≤ t ≤ at, both ends inclusive); if the largest
 * absolute change reaches the threshold, a {@link FastMove} from that earlier observation is
 * emitted. After an event the asset's history restarts at the current observation, so one
 * move is reported once and the next event needs a new move of the threshold from here.
 *
 * <p>Observations of an asset must not go back in time (equal instants are allowed).
 * Synchronized: safe to share, though a verticle would own one per instance.
 */
public final class FastMoveDetector {

    private final double thresholdPoints;
    private final Duration window;
    private final Map<String, Deque<Point>> history = new HashMap<>();

    /**
     * A score move of at least the threshold within the window.
     *
     * @param asset     the asset
     * @param from      time of the earlier observation
     * @param to        time of the observation that completed the move
     * @param fromScore the earlier score
     * @param toScore   the current score
     */
    public record FastMove(String asset, Instant from, Instant to, double fromScore, double toScore) {
        /** toScore − fromScore: positive when risk rose. */
        public double change() {
            return toScore - fromScore;
        }
    }

    private record Point(Instant at, double score) {
    }

    /** A detector for moves of at least {@code thresholdPoints} (> 0) within {@code window} (> 0). */
    public FastMoveDetector(double thresholdPoints, Duration window) {
        if (!(thresholdPoints > 0) || Double.isInfinite(thresholdPoints)) {
            throw new IllegalArgumentException("threshold must be a positive number of points, got " + thresholdPoints);
        }
        if (window == null || window.isZero() || window.isNegative()) {
            throw new IllegalArgumentException("window must be a positive duration, got " + window);
        }
        this.thresholdPoints = thresholdPoints;
        this.window = window;
    }

    /** Records a score and returns the fast move it completes, if any. */
    public synchronized Optional<FastMove> observe(String asset, Instant at, double score) {
        if (asset == null || at == null) {
            throw new IllegalArgumentException("asset and time must not be null");
        }
        if (!Double.isFinite(score)) {
            throw new IllegalArgumentException("score must be finite, got " + score);
        }
        Deque<Point> points = history.computeIfAbsent(asset, k -> new ArrayDeque<>());
        if (!points.isEmpty() && at.isBefore(points.peekLast().at())) {
            throw new IllegalArgumentException("score for " + asset + " at " + at
                    + " is older than the last one at " + points.peekLast().at());
        }
        Instant oldest = at.minus(window);
        while (!points.isEmpty() && points.peekFirst().at().isBefore(oldest)) {
            points.pollFirst();
        }
        Point best = null;
        for (Point p : points) {
            if (best == null || Math.abs(score - p.score()) > Math.abs(score - best.score())) {
                best = p;
            }
        }
        Point now = new Point(at, score);
        if (best != null && Math.abs(score - best.score()) >= thresholdPoints) {
            points.clear();
            points.addLast(now);
            return Optional.of(new FastMove(asset, best.at(), at, best.score(), score));
        }
        points.addLast(now);
        return Optional.empty();
    }

    /** Drops assets whose latest observation is older than the window at {@code now}; returns how many. */
    public synchronized int evictIdle(Instant now) {
        Instant oldest = now.minus(window);
        int before = history.size();
        history.values().removeIf(d -> d.isEmpty() || d.peekLast().at().isBefore(oldest));
        return before - history.size();
    }
}
