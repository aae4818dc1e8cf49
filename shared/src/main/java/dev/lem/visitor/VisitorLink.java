package dev.lem.visitor;

import dev.lem.lead.LeadId;
import dev.lem.lead.VisitorActivity;
import java.time.Instant;
import java.util.Objects;

/**
 * "This anonymous visitor is that lead": form capture puts it on the activity queue when a submission carries the
 * visitor id ({@code lem_vid}), told apart from activities by {@code kind} = {@value #KIND}. The activity queue's
 * consumer hands it to {@link VisitorTimeline#merge}.
 *
 * @param linkId   unique per submission (its submission id): a redelivery is the same link
 * @param linkedAt when the visitor identified itself; the latest link of a visitor wins
 */
public record VisitorLink(String kind, String linkId, String visitorId, LeadId leadId, Instant linkedAt) {

    /** The value of {@code kind} that marks a queue body as a visitor link. */
    public static final String KIND = "visitor-link";

    public VisitorLink {
        if (!KIND.equals(kind)) {
            throw new IllegalArgumentException("kind must be " + KIND);
        }
        Objects.requireNonNull(linkId, "linkId");
        if (!VisitorActivity.isVisitorId(visitorId)) {
            throw new IllegalArgumentException("visitorId must be 22 base64url characters");
        }
        Objects.requireNonNull(leadId, "leadId");
        Objects.requireNonNull(linkedAt, "linkedAt");
    }

    public static VisitorLink of(String linkId, String visitorId, LeadId leadId, Instant linkedAt) {
        return new VisitorLink(KIND, linkId, visitorId, leadId, linkedAt);
    }
}
