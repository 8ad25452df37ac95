package io.rwaprime.risk.score;

/**
 * Tables for the qualitative factors; each constant's normalized risk is in its constructor.
 * The values are editorial: they order the cases and space them evenly unless a case is
 * clearly closer to one end.
 */
public final class Qualitative {

    private Qualitative() {
    }

    /** Where the issuer and the token are regulated. */
    public enum Jurisdiction implements Graded {
        /** Major regime with a tokenization or fund framework (e.g. US, EU under MiCA, UK, SG, CH). */
        TIER_1(0.0),
        /** Established regime without specific rules for tokenized assets. */
        TIER_2(0.35),
        /** Offshore centre with light supervision. */
        OFFSHORE(0.7),
        /** No identifiable regulator, or a sanctioned jurisdiction. */
        UNREGULATED(1.0);

        private final double risk;

        Jurisdiction(double risk) {
            this.risk = risk;
        }

        @Override
        public double risk() {
            return risk;
        }
    }

    /** The legal wrapper between token holders and the underlying assets. */
    public enum LegalStructure implements Graded {
        /** Registered fund (e.g. a 40-Act or UCITS fund) whose shares are the tokens. */
        REGISTERED_FUND(0.0),
        /** Bankruptcy-remote special purpose vehicle holding the assets. */
        BANKRUPTCY_REMOTE_SPV(0.2),
        /** Trust with an independent trustee. */
        TRUST(0.3),
        /** Claim on an operating company's balance sheet. */
        OPERATING_COMPANY(0.6),
        /** No enforceable claim on the assets. */
        NONE(1.0);

        private final double risk;

        LegalStructure(double risk) {
            this.risk = risk;
        }

        @Override
        public double risk() {
            return risk;
        }
    }

    /** How transfers are restricted to verified holders. */
    public enum Kyc implements Graded {
        /** Every transfer checked against an on-chain allowlist. */
        ONCHAIN_ALLOWLIST(0.0),
        /** KYC at mint and redemption only; secondary transfers are free. */
        AT_MINT_ONLY(0.5),
        /** No KYC. */
        NONE(1.0);

        private final double risk;

        Kyc(double risk) {
            this.risk = risk;
        }

        @Override
        public double risk() {
            return risk;
        }
    }

    /** Where the price or NAV used on chain comes from. */
    public enum OracleDependence implements Graded {
        /** No oracle in the value path (e.g. fixed redemption, on-chain NAV). */
        NONE(0.0),
        /** Aggregated from several independent sources. */
        MULTI_SOURCE(0.25),
        /** One third-party provider. */
        SINGLE_SOURCE(0.6),
        /** Pushed by the issuer without independent check. */
        ISSUER_PUSHED(1.0);

        private final double risk;

        OracleDependence(double risk) {
            this.risk = risk;
        }

        @Override
        public double risk() {
            return risk;
        }
    }

    /** Who can upgrade, pause or mint through admin keys. */
    public enum AdminControl implements Graded {
        /** Immutable contract, no admin role. */
        IMMUTABLE(0.0),
        /** Multisig behind a timelock. */
        TIMELOCKED_MULTISIG(0.25),
        /** Multisig without timelock. */
        MULTISIG(0.5),
        /** A single externally owned key. */
        SINGLE_KEY(1.0);

        private final double risk;

        AdminControl(double risk) {
            this.risk = risk;
        }

        @Override
        public double risk() {
            return risk;
        }
    }

    /** The chain the token lives on and the bridges between it and its issuance chain. */
    public enum ChainExposure implements Graded {
        /** Issued natively on an established layer 1. */
        NATIVE_L1(0.0),
        /** Issued on a rollup that settles to a layer 1. */
        ROLLUP(0.25),
        /** Issued on a sidechain or young layer 1. */
        SIDECHAIN(0.5),
        /** Held through one bridge from the issuance chain. */
        BRIDGED(0.75),
        /** Held through several hops of bridges. */
        MULTI_BRIDGED(1.0);

        private final double risk;

        ChainExposure(double risk) {
            this.risk = risk;
        }

        @Override
        public double risk() {
            return risk;
        }
    }
}
