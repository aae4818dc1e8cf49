package dev.lem.journey;

import dev.lem.lead.LeadId;
import dev.lem.lead.LeadState;
import java.util.List;
import java.util.Optional;

/** The leads in a lifecycle state, page by page (oldest entry into the state first). */
public interface LeadSegments {

    /** One page of lead ids and the cursor of the next page (empty after the last). */
    record Page(List<LeadId> leads, Optional<String> next) {
        public Page {
            leads = List.copyOf(leads);
        }
    }

    /** @param cursor a {@link Page#next()} of this state, or empty for the first page */
    Page page(LeadState state, Optional<String> cursor, int limit);
}
