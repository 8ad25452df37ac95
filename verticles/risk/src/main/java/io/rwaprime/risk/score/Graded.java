package io.rwaprime.risk.score;

/** A qualitative input whose normalized risk is fixed by a table (0 = safest, 1 = riskiest). */
public interface Graded {

    /** Normalized risk in [0, 1]. */
    double risk();
}
