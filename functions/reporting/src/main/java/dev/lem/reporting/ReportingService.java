package dev.lem.reporting;

import dev.lem.events.EventCodec;
import dev.lem.events.EventEnvelope;
import dev.lem.events.InvalidEventException;
import dev.lem.events.LemEvent;
import dev.lem.json.Json;
import dev.lem.report.ReportCounters;
import dev.lem.report.ReportTallies;
import dev.lem.report.ReportTally;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One bus event (the EventBridge envelope the reporting queue holds) → validated against the contract → its report
 * tally ({@link ReportTallies}) → counted once. An event that breaks the contract throws, so after the queue's
 * receive count it lands in the reporting DLQ; the reason is logged (never the event itself).
 */
public final class ReportingService {

    private static final Logger LOG = LoggerFactory.getLogger(ReportingService.class);
    /** EventBridge's own limit on an event. */
    static final int MAX_EVENT_BYTES = 256 * 1024;

    private final ReportCounters counters;
    private final EventCodec codec;

    public ReportingService(ReportCounters counters) {
        this.counters = counters;
        this.codec = EventCodec.create();
    }

    public void handle(String body) {
        if (body == null || body.length() > MAX_EVENT_BYTES) {
            throw new InvalidEventException("event body missing or larger than " + MAX_EVENT_BYTES + " bytes");
        }
        LemEvent event = codec.decode(Json.read(body, EventEnvelope.class));
        Optional<ReportTally> tally = ReportTallies.of(event);
        if (tally.isEmpty()) {
            LOG.info("event not reported type={} eventId={}", event.detailType().wireName(), event.eventId());
            return;
        }
        boolean counted = counters.record(tally.get());
        LOG.info("event reported type={} eventId={} counted={}", event.detailType().wireName(), event.eventId(), counted);
    }
}
