package dev.lem.bus.aws;

import dev.lem.bus.EventBus;
import dev.lem.bus.EventPublishException;
import dev.lem.events.LemEvent;
import dev.lem.json.Json;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResponse;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResultEntry;

/** Publishes with PutEvents, ten entries a call (the API's limit); any failed entry fails the publish. */
public final class EventBridgeEventBus implements EventBus {

    static final int MAX_ENTRIES_PER_CALL = 10;

    private final EventBridgeClient client;
    private final String busName;

    public EventBridgeEventBus(EventBridgeClient client, String busName) {
        this.client = client;
        this.busName = busName;
    }

    @Override
    public void publish(List<? extends LemEvent> events) {
        for (int from = 0; from < events.size(); from += MAX_ENTRIES_PER_CALL) {
            List<PutEventsRequestEntry> entries = new ArrayList<>();
            for (LemEvent event : events.subList(from, Math.min(events.size(), from + MAX_ENTRIES_PER_CALL))) {
                entries.add(PutEventsRequestEntry.builder()
                        .eventBusName(busName)
                        .source(event.detailType().source())
                        .detailType(event.detailType().wireName())
                        .time(event.occurredAt())
                        .detail(Json.write(event))
                        .build());
            }
            put(entries);
        }
    }

    private void put(List<PutEventsRequestEntry> entries) {
        PutEventsResponse response;
        try {
            response = client.putEvents(r -> r.entries(entries));
        } catch (SdkException e) {
            throw new EventPublishException("PutEvents failed", e);
        }
        if (response.failedEntryCount() != null && response.failedEntryCount() > 0) {
            List<String> codes = response.entries().stream().map(PutEventsResultEntry::errorCode)
                    .filter(c -> c != null).distinct().toList();
            throw new EventPublishException(response.failedEntryCount() + " of " + entries.size()
                    + " events rejected: " + codes, null);
        }
    }

}
