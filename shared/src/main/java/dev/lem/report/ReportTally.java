package dev.lem.report;

import java.util.List;
import java.util.Objects;

/**
 * What one event adds to the report counters: funnel, journey and velocity counts, applied together and at most
 * once per {@code markerKey} (the event's or the message's identity: a redelivery finds the marker and adds nothing).
 */
public record ReportTally(String markerKey, List<FunnelCount> funnel, List<JourneyCount> journeys,
                          List<VelocitySample> velocity) {
    public ReportTally {
        Objects.requireNonNull(markerKey, "markerKey");
        funnel = List.copyOf(funnel);
        journeys = List.copyOf(journeys);
        velocity = List.copyOf(velocity);
    }

    public boolean isEmpty() {
        return funnel.isEmpty() && journeys.isEmpty() && velocity.isEmpty();
    }
}
