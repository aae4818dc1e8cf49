package dev.lem.messaging;

import dev.lem.lead.LeadId;
import java.time.Instant;
import java.util.Objects;

/**
 * Atomic per lead × channel counters of marketing messages per day and per week. A reservation counts one
 * message in both periods, or in neither: it is refused when either counter is at its limit. Reserving the
 * same message id again counts nothing and succeeds (a retried send was already counted). The counters live
 * with the lead, so erasing the lead erases them.
 */
public interface FrequencyCaps {

    enum Result { RESERVED, ALREADY_RESERVED, DAILY_CAP_REACHED, WEEKLY_CAP_REACHED }

    /**
     * One message to count.
     *
     * @param day      the lead's local day, e.g. {@code 2026-11-23}
     * @param dayEnds  when that day ends (counters expire some time after)
     * @param week     the lead's ISO week, e.g. {@code 2026-W48}
     * @param weekEnds when that week ends
     */
    record Reservation(LeadId leadId, Channel channel, String messageId, String day, Instant dayEnds, int perDay,
                       String week, Instant weekEnds, int perWeek) {
        public Reservation {
            Objects.requireNonNull(leadId, "leadId");
            Objects.requireNonNull(channel, "channel");
            Objects.requireNonNull(messageId, "messageId");
            if (perDay < 1 || perWeek < 1) {
                throw new IllegalArgumentException("caps must be at least 1");
            }
        }
    }

    Result reserve(Reservation reservation);
}
