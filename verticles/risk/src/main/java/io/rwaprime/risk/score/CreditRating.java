package io.rwaprime.risk.score;

import java.util.Locale;

/**
 * Long-term credit ratings on the S&amp;P/Fitch scale (Moody's maps notch for notch). The
 * normalized risk is linear in the notch: AAA → 0, each of the 21 notches below adds 1/21,
 * D → 1 (e.g. BBB− = 9/21 = 0.4286).
 */
public enum CreditRating implements Graded {
    AAA("AAA"), AA_PLUS("AA+"), AA("AA"), AA_MINUS("AA-"), A_PLUS("A+"), A("A"), A_MINUS("A-"),
    BBB_PLUS("BBB+"), BBB("BBB"), BBB_MINUS("BBB-"), BB_PLUS("BB+"), BB("BB"), BB_MINUS("BB-"),
    B_PLUS("B+"), B("B"), B_MINUS("B-"), CCC_PLUS("CCC+"), CCC("CCC"), CCC_MINUS("CCC-"), CC("CC"),
    C("C"), D("D");

    private final String symbol;

    CreditRating(String symbol) {
        this.symbol = symbol;
    }

    /** The rating as written, e.g. "AA-". */
    public String symbol() {
        return symbol;
    }

    @Override
    public double risk() {
        return ordinal() / (double) (values().length - 1);
    }

    /** Parses "AA-", "aa−" or "BBB+" (ASCII or Unicode minus). */
    public static CreditRating parse(String text) {
        if (text != null) {
            String s = text.trim().toUpperCase(Locale.ROOT).replace('\u2212', '-');
            for (CreditRating r : values()) {
                if (r.symbol.equals(s)) {
                    return r;
                }
            }
        }
        throw new IllegalArgumentException("unknown credit rating '" + text + "', expected AAA, AA+, … , C, D");
    }

    @Override
    public String toString() {
        return symbol;
    }
}
