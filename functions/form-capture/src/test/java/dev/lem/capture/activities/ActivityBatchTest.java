package dev.lem.capture.activities;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lem.capture.activities.ActivityBatch.InvalidBatchException;
import dev.lem.capture.activities.ActivityBatch.Item;
import dev.lem.lead.EmailAddress;
import dev.lem.lead.LeadId;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ActivityBatchTest {

    private static final Instant NOW = Instant.parse("2026-11-23T10:15:30Z");
    private static final String LEAD = "0b7e6a52-3c2d-4f8e-9a1b-5d6c7e8f9a0b";

    private static String item(String fields) {
        return "{\"items\":[{" + fields + "}]}";
    }

    private static String valid(String extra) {
        return "\"source\":\"dealer-crm\",\"externalId\":\"visit-42\",\"type\":\"offline.showroom-visit\","
                + "\"occurredAt\":\"2026-11-22T15:00:00Z\"" + extra;
    }

    private static Item only(String body) throws InvalidBatchException {
        List<Item> items = ActivityBatch.parse(body, NOW);
        assertThat(items).hasSize(1);
        return items.getFirst();
    }

    private static Map<String, String> errors(String body) throws InvalidBatchException {
        return ((Item.Invalid) only(body)).errors();
    }

    @Test
    void parse_whenItemIsValidWithLeadId_readsEveryField() throws Exception {
        Item item = only(item(valid(",\"leadId\":\"" + LEAD + "\",\"attributes\":{\"dealer\":\"D-12\",\"model\":\"Zoë\"}")));

        assertThat(item).isEqualTo(new Item.Valid(new OfflineActivity("dealer-crm", "visit-42", "offline.showroom-visit",
                Instant.parse("2026-11-22T15:00:00Z"), Optional.of(new LeadId(LEAD)), Optional.empty(),
                Map.of("dealer", "D-12", "model", "Zoë"))));
    }

    @Test
    void parse_whenItemNamesTheLeadByEmail_normalisesTheEmail() throws Exception {
        Item item = only(item(valid(",\"email\":\"Ada@Example.COM\"")));

        assertThat(((Item.Valid) item).activity().email()).isEqualTo(EmailAddress.parse("ada@example.com"));
    }

    @Test
    void parse_whenBothOrNeitherLeadIdAndEmail_refusesTheItem() throws Exception {
        assertThat(errors(item(valid("")))).containsKey("leadId");
        assertThat(errors(item(valid(",\"leadId\":\"" + LEAD + "\",\"email\":\"ada@example.com\"")))).containsKey("leadId");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "\"source\":\"Dealer CRM\"|source",
            "\"externalId\":\"has space\"|externalId",
            "\"externalId\":\"\"|externalId",
            "\"type\":\"form.submitted\"|type",
            "\"type\":\"email.click\"|type",
            "\"type\":\"offline.\"|type",
            "\"occurredAt\":\"yesterday\"|occurredAt",
            "\"occurredAt\":\"2026-11-23T11:15:30Z\"|occurredAt",
            "\"occurredAt\":\"2020-01-01T00:00:00Z\"|occurredAt",
            "\"occurredAt\":12345|occurredAt",
            "\"leadId\":\"../../etc\"|leadId",
            "\"email\":\"not-an-email\"|email",
            "\"attributes\":[]|attributes",
            "\"attributes\":{\"n\":1}|attributes.n",
            "\"attributes\":{\"source\":\"x\"}|attributes.source",
            "\"attributes\":{\"bad key\":\"x\"}|attributes",
            "\"attributes\":{\"note\":\"a\\u0000b\"}|attributes.note",
            "\"attributes\":{\"note\":\"<script>\\u202e\"}|attributes.note",
            "\"extra\":true|extra"})
    void parse_whenOneFieldIsWrong_refusesTheItemNamingThatField(String override, String field) throws Exception {
        String name = override.substring(1, override.indexOf('"', 1));
        String fields = valid(",\"leadId\":\"" + LEAD + "\"").replaceAll("\"" + name + "\":\"[^\"]*\",?", "");
        String body = item(fields.replaceAll(",$", "") + "," + override);

        assertThat(errors(body)).containsKey(field);
    }

    @Test
    void parse_whenAnAttributeIsTooLongOrThereAreTooMany_refusesTheItem() throws Exception {
        assertThat(errors(item(valid(",\"leadId\":\"" + LEAD + "\",\"attributes\":{\"note\":\"" + "x".repeat(513) + "\"}"))))
                .containsKey("attributes.note");
        StringBuilder many = new StringBuilder();
        for (int i = 0; i < 21; i++) {
            many.append(i == 0 ? "" : ",").append("\"a").append(i).append("\":\"v\"");
        }
        assertThat(errors(item(valid(",\"leadId\":\"" + LEAD + "\",\"attributes\":{" + many + "}")))).containsKey("attributes");
    }

    @Test
    void parse_whenRequiredFieldsAreMissing_namesEachOfThem() throws Exception {
        assertThat(errors(item("\"leadId\":\"" + LEAD + "\""))).containsKeys("source", "externalId", "type", "occurredAt");
        assertThat(((Item.Invalid) only("{\"items\":[42]}")).errors()).containsKey("item");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "[]", "null", "\"items\"", "{\"items\":", "{\"items\":[],\"x\":1}", "{\"items\":[]}",
            "{\"items\":{}}", "{\"other\":[]}", "{\"items\":[{}],\"items\":[{}]}"})
    void parse_whenTheEnvelopeIsBroken_refusesTheWholeBatchWith4xx(String body) {
        assertThatThrownBy(() -> ActivityBatch.parse(body, NOW)).isInstanceOfSatisfying(InvalidBatchException.class,
                e -> assertThat(e.status()).isBetween(400, 499));
    }

    @Test
    void parse_whenMoreThan100ItemsOrOver256KiB_refusesTheWholeBatch() {
        String items = String.join(",", java.util.Collections.nCopies(101, "{}"));
        assertThatThrownBy(() -> ActivityBatch.parse("{\"items\":[" + items + "]}", NOW))
                .isInstanceOfSatisfying(InvalidBatchException.class, e -> assertThat(e.status()).isEqualTo(422));
        String huge = "{\"items\":[{\"externalId\":\"" + "x".repeat(ActivityBatch.MAX_BYTES) + "\"}]}";
        assertThatThrownBy(() -> ActivityBatch.parse(huge, NOW))
                .isInstanceOfSatisfying(InvalidBatchException.class, e -> assertThat(e.status()).isEqualTo(413));
    }

    @Test
    void parse_whenJsonIsNestedTooDeep_refusesWith400() {
        String deep = "{\"items\":[" + "[".repeat(5000) + "]".repeat(5000) + "]}";

        assertThatThrownBy(() -> ActivityBatch.parse(deep, NOW))
                .isInstanceOfSatisfying(InvalidBatchException.class, e -> assertThat(e.status()).isEqualTo(400));
    }
}
