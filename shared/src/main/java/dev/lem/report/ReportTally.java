package dev.lem.report;

import java.util.List;
import java.util.Objects;

/**
 * What one event adds to the report counters: funnel, journey and velocity counts, applied together and at most
 * once per {@code markerKey} (the event's or the message's identity: a redelivery finds the marker and adds nothing).
 * With {@code earliestWins} (once-per-message counts: a message's unique open), a later-arriving tally of the same
 * marker with an earlier day moves the count to that day, so the day does not depend on delivery order.
 */
public record ReportTally(String markerKey, List<FunnelCount> funnel, List<JourneyCount> journeys,
                          List<VelocitySample> velocity, boolean earliestWins) {
    public ReportTally {
        Objects.requireNonNull(markerKey, "markerKey");
        funnel = List.copyOf(funnel);
        journeys = List.copyOf(journeys);
        velocity = List.copyOf(velocity);
    }

    public ReportTally(String markerKey, List<FunnelCount> funnel, List<JourneyCount> journeys,
                       List<VelocitySample> velocity) {
        this(markerKey, funnel, journeys, velocity, false);
    }

    /** A once-per-message tally: journey counts only, the earliest day wins. */
    public static ReportTally perMessage(String markerKey, List<JourneyCount> journeys) {
        return new ReportTally(markerKey, List.of(), journeys, List.of(), true);
    }

    /** The same journey counts on another day. */
    public List<JourneyCount> journeysOn(java.time.LocalDate day) {
        return journeys.stream().map(c -> new JourneyCount(day, c.journey(), c.step(), c.metric())).toList();
    }

    /** The day this tally counts on (the first count's; a tally's counts share one day). */
    public java.time.LocalDate day() {
        if (!funnel.isEmpty()) {
            return funnel.get(0).day();
        }
        return journeys.isEmpty() ? velocity.get(0).day() : journeys.get(0).day();
    }

    public boolean isEmpty() {
        return funnel.isEmpty() && journeys.isEmpty() && velocity.isEmpty();
    }
}
