package dev.lem.cost;

import java.time.LocalDate;
import java.util.Map;

/**
 * Where recorded usage is read back from (the EMF metrics in CloudWatch; {@code lem up}'s usage ledger). Days are
 * UTC calendar days, both ends included.
 */
public interface UsageSource {

    /** All usage of every function between the two days. */
    Usage total(LocalDate from, LocalDate to);

    /** The usage attributed to each campaign between the two days (campaigns without usage are absent). */
    Map<String, Usage> byCampaign(LocalDate from, LocalDate to);
}
