package dev.lem.capture;

import dev.lem.json.Json;
import dev.lem.lead.LeadId;
import dev.lem.messaging.Channel;
import dev.lem.messaging.MessageCategory;
import dev.lem.messaging.NotifyMessage;
import dev.lem.queue.MessageQueue;
import java.time.Instant;
import java.util.Map;

/** Sends the double opt-in confirmation: a transactional {@code confirm} email with a signed link, via the notify queue. */
public final class DoubleOptIn {

    public static final String TEMPLATE = "confirm";

    private final ConfirmationLinks links;
    private final MessageQueue notifyQueue;

    public DoubleOptIn(ConfirmationLinks links, MessageQueue notifyQueue) {
        this.links = links;
        this.notifyQueue = notifyQueue;
    }

    public ConfirmationLinks links() {
        return links;
    }

    /** @param submissionId makes the message id: a redelivered request sends nothing twice, a new submission re-sends */
    void requestConfirmation(String formId, LeadId leadId, String submissionId, Instant now) {
        notifyQueue.send(Json.write(new NotifyMessage("confirm." + submissionId, leadId, Channel.EMAIL,
                MessageCategory.TRANSACTIONAL, null, TEMPLATE, Map.of("confirmUrl", links.link(formId, leadId, now),
                        "formId", formId))));
    }
}
