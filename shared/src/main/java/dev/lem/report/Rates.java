package dev.lem.report;

/** Ratios of counts, rounded to 4 decimals; null (JSON null) when the divisor is 0. */
public final class Rates {
    private Rates() {}

    public static Double of(long part, long whole) {
        if (whole == 0) {
            return null;
        }
        return Math.round(10_000.0 * part / whole) / 10_000.0;
    }
}
