/**
 * The composite risk score as plain Java (no Vert.x): sixteen factors in four categories
 * (market, credit, regulatory, technical), each normalized to [0, 1] by a documented formula,
 * weighted per asset class, and mapped to 1–100 where <b>higher means riskier</b>. The score
 * explains itself through its drivers, whose contributions add up to it. A
 * {@link io.rwaprime.risk.score.FastMoveDetector} flags scores that move fast.
 *
 * <p>Every formula is in {@code verticles/risk/RISK-DEFINITIONS.md}.
 */
package io.rwaprime.risk.score;
