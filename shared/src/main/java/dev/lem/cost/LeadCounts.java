package dev.lem.cost;

import java.time.LocalDate;
import java.util.Optional;

/**
 * How many leads were captured, and how many became MQLs, between two UTC days (both included), in all or in one
 * campaign: the divisors of cost per lead and per MQL.
 */
public interface LeadCounts {

    /**
     * No counts yet (every count 0, so perLead and perMql are null): the deployed API's until the funnel counters
     * (issue 10, built on another branch) provide these counts.
     */
    LeadCounts UNCOUNTED = new LeadCounts() {
        @Override
        public long leads(LocalDate from, LocalDate to, Optional<String> campaign) {
            return 0;
        }

        @Override
        public long mqls(LocalDate from, LocalDate to, Optional<String> campaign) {
            return 0;
        }
    };

    long leads(LocalDate from, LocalDate to, Optional<String> campaign);

    long mqls(LocalDate from, LocalDate to, Optional<String> campaign);

    /**
     * These counts for one report: an implementation that reads storage per call may read each day range once and
     * answer every campaign's counts from it. The result is for one request only (it does not see later writes).
     */
    default LeadCounts forOneReport() {
        return this;
    }
}
