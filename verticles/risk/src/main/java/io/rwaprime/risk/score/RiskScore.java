package io.rwaprime.risk.score;

import java.util.List;

/**
 * A composite risk score on 1–100 where <b>higher means riskier</b> (1 = every factor at its
 * safest, 100 = every factor at full risk).
 * <pre>
 * contribution_f = 99 × W_category(f) × w_f × n_f        (points; n_f the normalized factor)
 * compositeScore = 1 + Σ_f contribution_f
 * sub-score_c    = 1 + 99 × Σ_{f in c} w_f × n_f         (so compositeScore = Σ_c W_c × sub-score_c)
 * </pre>
 * Scores are kept unrounded; {@link #compositeRounded()} gives the integer stored in
 * {@code risk_scores.composite_score}.
 *
 * @param compositeScore 1–100
 * @param market         market sub-score, 1–100
 * @param credit         credit sub-score, 1–100
 * @param regulatory     regulatory sub-score, 1–100
 * @param technical      technical sub-score, 1–100
 * @param drivers        the sixteen drivers, largest contribution first
 * @param imputedCount   how many inputs were missing
 */
public record RiskScore(double compositeScore, double market, double credit, double regulatory, double technical,
                        List<Driver> drivers, int imputedCount) {

    /** Copies the drivers. */
    public RiskScore {
        drivers = List.copyOf(drivers);
    }

    /** The composite rounded half up to an integer 1–100. */
    public int compositeRounded() {
        return (int) Math.round(compositeScore);
    }

    /** The sub-score of a category. */
    public double subScore(RiskCategory category) {
        return switch (category) {
            case MARKET -> market;
            case CREDIT -> credit;
            case REGULATORY -> regulatory;
            case TECHNICAL -> technical;
        };
    }
}
