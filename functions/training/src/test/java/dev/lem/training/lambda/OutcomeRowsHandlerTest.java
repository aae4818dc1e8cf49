package dev.lem.training.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lem.events.InvalidEventException;
import dev.lem.lead.Lead;
import dev.lem.lead.LeadId;
import dev.lem.lead.LeadState;
import dev.lem.testing.fakes.InMemoryLeadStore;
import dev.lem.testing.fakes.InMemoryTrainingRows;
import dev.lem.training.rows.OutcomeRowRecorder;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OutcomeRowsHandlerTest {

    private static final String LEAD = "0b7e6a52-3c2d-4f8e-9a1b-5d6c7e8f9a0b";

    private final InMemoryLeadStore leads = new InMemoryLeadStore();
    private final InMemoryTrainingRows rows = new InMemoryTrainingRows();
    private final OutcomeRowsHandler handler = new OutcomeRowsHandler(new OutcomeRowRecorder(leads, rows, rows));

    static String envelope(String detailType, String detail) {
        return """
                {"version":"0","id":"e1","detail-type":"%s","source":"lem","account":"000000000000",
                 "time":"2026-11-23T16:00:00Z","region":"eu-west-1","resources":[],"detail":%s}"""
                .formatted(detailType, detail);
    }

    static String outcome(String eventId, String outcome) {
        return """
                {"eventId":"%s","occurredAt":"2026-11-23T16:00:00Z","schemaVersion":1,
                 "leadId":"%s","outcome":"%s"}""".formatted(eventId, LEAD, outcome);
    }

    private String handle(String json) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), out, null);
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void handleRequest_whenAnOutcomeArrivesTwice_storesOneRow() throws Exception {
        Instant at = Instant.parse("2026-11-01T09:00:00Z");
        leads.put(new Lead(new LeadId(LEAD), "h", null, Map.of(), LeadState.SQL, at, 0, Map.of(), at, at, 1));

        assertThat(handle(envelope("lead.outcome", outcome("outcome-1", "won")))).isEqualTo("{\"result\":\"stored\"}");
        assertThat(handle(envelope("lead.outcome", outcome("outcome-1", "won")))).isEqualTo("{\"result\":\"duplicate\"}");
        assertThat(rows.all()).hasSize(1);
    }

    @Test
    void handleRequest_whenTheEventBreaksTheContractOrIsAnotherType_throwsForTheDlq() {
        assertThatThrownBy(() -> handle("[1,2]")).isInstanceOf(InvalidEventException.class);
        assertThatThrownBy(() -> handle("not json")).isInstanceOf(InvalidEventException.class);
        assertThatThrownBy(() -> handle(envelope("lead.outcome", outcome("outcome-1", "maybe"))))
                .isInstanceOf(InvalidEventException.class);
        assertThatThrownBy(() -> handle(envelope("lead.activity", """
                {"eventId":"a","occurredAt":"2026-11-23T16:00:00Z","schemaVersion":1,"leadId":"%s",
                 "activityId":"x","type":"page.view"}""".formatted(LEAD))))
                .isInstanceOf(InvalidEventException.class);
        assertThat(rows.all()).isEmpty();
    }
}
