package dev.lem.routing;

import dev.lem.events.CampaignTrigger;
import dev.lem.journey.AudienceBatch;
import dev.lem.json.Json;
import dev.lem.queue.MessageQueue;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits a campaign trigger's audience into audience-queue messages, so no single invocation enrols thousands of
 * leads: lead ids in batches of {@value AudienceBatch#MAX_LEADS}, a segment as its first page (each page queues
 * the next).
 */
public final class AudienceFanOut {

    private final MessageQueue audienceQueue;

    public AudienceFanOut(MessageQueue audienceQueue) {
        this.audienceQueue = audienceQueue;
    }

    /** A fan-out for a router that has no audience queue: audience triggers are refused with the reason. */
    public static AudienceFanOut unavailable() {
        return new AudienceFanOut(body -> {
            throw new IllegalStateException("this router has no audience queue: campaign triggers with an audience are refused");
        });
    }

    /** @return the number of batch messages queued */
    public int start(CampaignTrigger trigger) {
        CampaignTrigger.Audience audience = trigger.audience();
        List<AudienceBatch> batches = new ArrayList<>();
        if (audience.segment() != null) {
            batches.add(new AudienceBatch(trigger.eventId(), trigger.occurredAt(), trigger.campaignId(), trigger.attributes(),
                    List.of(), audience.segment().state(), audience.segment().conditions(), null));
        }
        List<String> ids = audience.leadIds();
        for (int from = 0; from < ids.size(); from += AudienceBatch.MAX_LEADS) {
            batches.add(new AudienceBatch(trigger.eventId(), trigger.occurredAt(), trigger.campaignId(), trigger.attributes(),
                    ids.subList(from, Math.min(ids.size(), from + AudienceBatch.MAX_LEADS)), null, null, null));
        }
        batches.forEach(batch -> audienceQueue.send(Json.write(batch)));
        return batches.size();
    }
}
