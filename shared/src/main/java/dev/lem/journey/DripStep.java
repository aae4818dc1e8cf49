package dev.lem.journey;

import dev.lem.lead.LeadId;
import java.time.Instant;
import java.util.Objects;

/** The payload a drip timer delivers: run step {@code step} of a campaign for a lead. */
public record DripStep(LeadId leadId, String campaignId, int step, Instant dueAt) {
    public DripStep {
        Objects.requireNonNull(leadId, "leadId");
        Objects.requireNonNull(campaignId, "campaignId");
        Objects.requireNonNull(dueAt, "dueAt");
        if (step < 1) {
            throw new IllegalArgumentException("step must be 1 or more");
        }
    }

    /** Deterministic timer name (at most 64 chars): the same step for the same lead is scheduled once. */
    public String scheduleName() {
        String name = campaignId + "-" + step + "-" + leadId.value();
        return name.length() <= 64 ? name : name.substring(name.length() - 64);
    }
}
