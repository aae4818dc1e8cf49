package dev.lem.scoring;

import dev.lem.events.LeadActivity;
import dev.lem.events.LeadScored;
import dev.lem.events.LeadStateChanged;
import dev.lem.events.LemEvent;
import java.util.ArrayList;
import java.util.List;

/** The events one scoring write published, kept with the standing so a redelivery can publish them again. */
record PublishedEvents(List<LeadScored> scored, List<LeadStateChanged> stateChanged, List<LeadActivity> activities) {

    PublishedEvents {
        scored = scored == null ? List.of() : List.copyOf(scored);
        stateChanged = stateChanged == null ? List.of() : List.copyOf(stateChanged);
        activities = activities == null ? List.of() : List.copyOf(activities);
    }

    static PublishedEvents of(List<LemEvent> events) {
        return new PublishedEvents(
                events.stream().filter(LeadScored.class::isInstance).map(LeadScored.class::cast).toList(),
                events.stream().filter(LeadStateChanged.class::isInstance).map(LeadStateChanged.class::cast).toList(),
                events.stream().filter(LeadActivity.class::isInstance).map(LeadActivity.class::cast).toList());
    }

    List<LemEvent> all() {
        List<LemEvent> all = new ArrayList<>(scored);
        all.addAll(stateChanged);
        all.addAll(activities);
        return all;
    }
}
