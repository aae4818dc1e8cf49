package dev.lem.journey;

import dev.lem.lead.LeadState;
import dev.lem.messaging.NotifyMessage;
import java.util.List;
import java.util.Optional;

/** What a journey run asks the world to do; each carries a deterministic id, so doing it twice does it once. */
public sealed interface Effect {

    /** Put this message on the notify queue. */
    record Send(NotifyMessage message) implements Effect {}

    /** Change the lead: points (applied once per {@code updateId}), state, tags. */
    record UpdateLead(String updateId, Optional<LeadState> state, int points, List<String> tags) implements Effect {
        public UpdateLead {
            tags = List.copyOf(tags);
        }
    }

    /** Assign an owner and send the sales task (id {@code taskId}) to the CRM webhook. */
    record HandOff(String taskId, String journeyId, Step.HandToSales step, Facts facts) implements Effect {}
}
