package dev.lem.drip;

import dev.lem.journey.DripStep;
import dev.lem.json.Json;
import dev.lem.lead.LeadStore;
import dev.lem.messaging.Channel;
import dev.lem.messaging.MessageCategory;
import dev.lem.messaging.NotifyMessage;
import dev.lem.queue.MessageQueue;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a due drip step: the step's message goes to the notify queue under a deterministic id, so a
 * timer that fires twice sends once. A lead erased meanwhile ends the journey quietly.
 */
public final class DripService {

    private static final Logger LOG = LoggerFactory.getLogger(DripService.class);

    private final LeadStore leads;
    private final MessageQueue notifyQueue;

    public DripService(LeadStore leads, MessageQueue notifyQueue) {
        this.leads = leads;
        this.notifyQueue = notifyQueue;
    }

    public boolean run(DripStep step) {
        if (leads.find(step.leadId()).isEmpty()) {
            LOG.info("drip step skipped reason=lead-gone campaignId={} step={}", step.campaignId(), step.step());
            return false;
        }
        notifyQueue.send(Json.write(new NotifyMessage(NotifyMessage.idFor(step.campaignId(), step.step(), step.leadId()),
                step.leadId(), Channel.EMAIL, MessageCategory.MARKETING, step.campaignId(),
                step.campaignId() + "-" + step.step(), Map.of())));
        return true;
    }
}
