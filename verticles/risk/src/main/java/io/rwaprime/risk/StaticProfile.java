package io.rwaprime.risk;

import io.rwaprime.risk.score.CreditRating;
import io.rwaprime.risk.score.Qualitative.AdminControl;
import io.rwaprime.risk.score.Qualitative.ChainExposure;
import io.rwaprime.risk.score.Qualitative.Jurisdiction;
import io.rwaprime.risk.score.Qualitative.Kyc;
import io.rwaprime.risk.score.Qualitative.LegalStructure;
import io.rwaprime.risk.score.Qualitative.OracleDependence;
import io.rwaprime.risk.score.ScoreInputs;

/**
 * The static (credit, regulatory, technical) inputs of one asset's composite score, as assessed in
 * {@code risk-profiles.yaml}. Every field may be {@code null}: the score then imputes it as neutral and flags it.
 *
 * @param attestationDays how often NAV or reserves are attested, in days; used as the attestation age
 */
public record StaticProfile(CreditRating issuerRating, CreditRating underlyingRating, Double collateralRatio,
                            Double attestationDays, Jurisdiction jurisdiction, LegalStructure legalStructure, Kyc kyc,
                            Integer licences, Integer audits, OracleDependence oracle, AdminControl adminKeys,
                            ChainExposure chainExposure) {

  /** A profile with every input missing (an asset nobody has assessed yet). */
  public static final StaticProfile UNASSESSED =
      new StaticProfile(null, null, null, null, null, null, null, null, null, null, null, null);

  /** Sets the inputs that are present on {@code b}. */
  public ScoreInputs.Builder applyTo(ScoreInputs.Builder b) {
    if (issuerRating != null) {
      b.issuerRating(issuerRating);
    }
    if (underlyingRating != null) {
      b.underlyingRating(underlyingRating);
    }
    if (collateralRatio != null) {
      b.collateralRatio(collateralRatio);
    }
    if (attestationDays != null) {
      b.attestationAgeDays(attestationDays);
    }
    if (jurisdiction != null) {
      b.jurisdiction(jurisdiction);
    }
    if (legalStructure != null) {
      b.legalStructure(legalStructure);
    }
    if (kyc != null) {
      b.kyc(kyc);
    }
    if (licences != null) {
      b.licences(licences);
    }
    if (audits != null) {
      b.audits(audits);
    }
    if (oracle != null) {
      b.oracle(oracle);
    }
    if (adminKeys != null) {
      b.adminControl(adminKeys);
    }
    if (chainExposure != null) {
      b.chainExposure(chainExposure);
    }
    return b;
  }
}
