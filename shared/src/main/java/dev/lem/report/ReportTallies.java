package dev.lem.report;

import dev.lem.events.EventTouch;
import dev.lem.events.LeadActivity;
import dev.lem.events.LeadCaptured;
import dev.lem.events.LeadStateChanged;
import dev.lem.events.LemEvent;
import dev.lem.events.MessageSent;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The one place that decides what an event counts in the reports:
 * <ul>
 *   <li>{@code lead.captured} of a new lead: the transition {@code anonymous><state>}, credited to the submission's
 *       touch under both attribution models (its first touch is also its last);</li>
 *   <li>{@code lead.state-changed}: the transition {@code <from>><to>} credited to the lead's first touch and to its
 *       last touch at the time of the change, a time-in-state sample of {@code from} when the event says when the lead
 *       entered it; with {@code slaBreached}, an SLA breach of the state instead;</li>
 *   <li>{@code message.sent}, and {@code lead.activity} {@code email.open}/{@code email.click} of a journey message:
 *       sent/opened/clicked of its journey step, once per message, on the earliest day seen.</li>
 * </ul>
 * Everything is a sum, so the totals do not depend on delivery order; the marker makes a redelivery count nothing.
 */
public final class ReportTallies {

    private ReportTallies() {}

    public static Optional<ReportTally> of(LemEvent event) {
        return switch (event) {
            case LeadCaptured captured -> captured.newLead() && !"anonymous".equals(captured.state())
                    ? Optional.of(captured(captured)) : Optional.empty();
            case LeadStateChanged changed -> Optional.of(stateChanged(changed));
            case MessageSent sent -> message(sent.messageId(), JourneyMetric.SENT, day(sent.occurredAt()));
            case LeadActivity activity -> activity(activity);
            default -> Optional.empty();
        };
    }

    private static ReportTally captured(LeadCaptured event) {
        LocalDate day = day(event.occurredAt());
        String metric = FunnelCount.transition("anonymous", event.state());
        List<FunnelCount> counts = new ArrayList<>();
        for (AttributionModel model : AttributionModel.values()) {
            counts.add(new FunnelCount(day, model, event.campaign(), event.source(), event.formId(), metric));
        }
        return new ReportTally(eventMarker(event), counts, List.of(), List.of());
    }

    private static ReportTally stateChanged(LeadStateChanged event) {
        LocalDate day = day(event.occurredAt());
        String metric = event.slaBreached() ? FunnelCount.SLA_PREFIX + event.to()
                : FunnelCount.transition(event.from(), event.to());
        List<FunnelCount> counts = List.of(
                count(day, AttributionModel.FIRST, event.firstTouch(), metric),
                count(day, AttributionModel.LAST, event.lastTouch() != null ? event.lastTouch() : event.firstTouch(),
                        metric));
        List<VelocitySample> velocity = event.slaBreached() || event.fromEnteredAt() == null ? List.of()
                : List.of(new VelocitySample(day, event.from(), Duration.between(event.fromEnteredAt(), event.occurredAt())));
        return new ReportTally(eventMarker(event), counts, List.of(), velocity);
    }

    private static Optional<ReportTally> activity(LeadActivity activity) {
        JourneyMetric metric = switch (activity.type()) {
            case "email.open" -> JourneyMetric.OPENED;
            case "email.click" -> JourneyMetric.CLICKED;
            default -> null;
        };
        if (metric == null || activity.messageId() == null) {
            return Optional.empty();
        }
        return message(activity.messageId(), metric, day(activity.occurredAt()));
    }

    private static Optional<ReportTally> message(String messageId, JourneyMetric metric, LocalDate day) {
        return JourneyMessageId.parse(messageId).map(id -> ReportTally.perMessage(
                "msg#" + metric.wireName() + "#" + messageId, List.of(new JourneyCount(day, id.journey(), id.step(), metric))));
    }

    private static FunnelCount count(LocalDate day, AttributionModel model, EventTouch touch, String metric) {
        return touch == null ? new FunnelCount(day, model, null, null, null, metric)
                : new FunnelCount(day, model, touch.campaign(), touch.source(), touch.formId(), metric);
    }

    private static String eventMarker(LemEvent event) {
        return "evt#" + event.detailType().wireName() + "#" + event.eventId();
    }

    static LocalDate day(java.time.Instant at) {
        return LocalDate.ofInstant(at, ZoneOffset.UTC);
    }
}
