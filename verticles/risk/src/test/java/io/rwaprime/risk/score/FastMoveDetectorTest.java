package io.rwaprime.risk.score;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class FastMoveDetectorTest {

    private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");

    private static Instant at(int minutes) {
        return T0.plus(Duration.ofMinutes(minutes));
    }

    private final FastMoveDetector detector = new FastMoveDetector(10, Duration.ofHours(1));

    @Test
    void emitsWhenTheMoveReachesTheThresholdInsideTheWindow() {
        assertThat(detector.observe("USTB", at(0), 40)).isEmpty();
        assertThat(detector.observe("USTB", at(30), 45)).isEmpty();   // +5
        assertThat(detector.observe("USTB", at(50), 50)).hasValueSatisfying(m -> {   // +10 vs 40: exactly N
            assertThat(m.from()).isEqualTo(at(0));
            assertThat(m.fromScore()).isEqualTo(40);
            assertThat(m.toScore()).isEqualTo(50);
            assertThat(m.change()).isEqualTo(10);
        });
    }

    @Test
    void reportsAMoveOnceThenNeedsANewOne() {
        detector.observe("USTB", at(0), 40);
        assertThat(detector.observe("USTB", at(10), 55)).isPresent();
        // history restarted at 55 (the 40 is forgotten): 58 and 49 stay within 10 of everything kept
        assertThat(detector.observe("USTB", at(15), 58)).isEmpty();
        assertThat(detector.observe("USTB", at(20), 49)).isEmpty();   // −9 vs 58
        assertThat(detector.observe("USTB", at(21), 47)).hasValueSatisfying(m -> {
            assertThat(m.fromScore()).isEqualTo(58);
            assertThat(m.change()).isEqualTo(-11);
        });
    }

    @Test
    void oldObservationsSlideOutOfTheWindow() {
        detector.observe("USTB", at(0), 40);
        // 61 minutes later the 40 is out of the one-hour window: no event for a 12-point gap
        assertThat(detector.observe("USTB", at(61), 52)).isEmpty();
    }

    @Test
    void windowEdgeIsInclusive() {
        detector.observe("USTB", at(0), 40);
        assertThat(detector.observe("USTB", at(60), 52)).isPresent();
    }

    @Test
    void comparesWithTheLargestMoveInTheWindow() {
        detector.observe("USTB", at(0), 40);
        detector.observe("USTB", at(5), 35);   // −5
        // 47: +7 vs 40, +12 vs 35 → the event starts at 35
        assertThat(detector.observe("USTB", at(10), 47)).hasValueSatisfying(m -> {
            assertThat(m.from()).isEqualTo(at(5));
            assertThat(m.change()).isEqualTo(12);
        });
    }

    @Test
    void assetsAreIndependent() {
        detector.observe("USTB", at(0), 40);
        assertThat(detector.observe("PAXG", at(1), 60)).isEmpty();
        assertThat(detector.observe("PAXG", at(2), 55)).isEmpty();
        assertThat(detector.observe("USTB", at(3), 30)).isPresent();
        assertThat(detector.evictIdle(at(200))).isEqualTo(2);
    }

    @Test
    void rejectsTimeGoingBackwardsAndBadSettings() {
        detector.observe("USTB", at(10), 40);
        assertThatThrownBy(() -> detector.observe("USTB", at(5), 41))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is older than the last one");
        assertThatThrownBy(() -> new FastMoveDetector(0, Duration.ofMinutes(5)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("threshold must be a positive number of points, got 0.0");
        assertThatThrownBy(() -> new FastMoveDetector(5, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("window must be a positive duration, got PT0S");
    }
}
