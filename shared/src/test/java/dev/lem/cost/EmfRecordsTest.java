package dev.lem.cost;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lem.json.Json;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EmfRecordsTest {

    private static final InvocationUsage USAGE = new InvocationUsage("drip", Optional.of("spring"),
            Instant.parse("2026-11-23T10:00:00Z"), 12, 512, Map.of("dynamodb.read", 2L, "sqs", 1L),
            Map.of("DynamoDb.GetItem", 2L, "Sqs.SendMessage", 1L), 1, 0);

    @Test
    void toLine_whenCampaignKnown_declaresBothDimensionSetsAndEveryMetricValue() {
        JsonNode line = Json.tree(EmfRecords.toLine(USAGE));

        JsonNode directive = line.path("_aws").path("CloudWatchMetrics").path(0);
        assertThat(line.path("_aws").path("Timestamp").asLong()).isEqualTo(Instant.parse("2026-11-23T10:00:00Z").toEpochMilli());
        assertThat(directive.path("Namespace").asText()).isEqualTo("LEM");
        assertThat(directive.path("Dimensions").toString()).isEqualTo("[[\"function\"],[\"function\",\"campaign\"]]");
        assertThat(directive.path("Metrics").findValuesAsText("Name"))
                .containsExactly("Invocations", "BilledMs", "BilledMbMs", "dynamodb.read", "sqs", "Retries");
        assertThat(line.path("function").asText()).isEqualTo("drip");
        assertThat(line.path("campaign").asText()).isEqualTo("spring");
        assertThat(line.path("BilledMs").asLong()).isEqualTo(12);
        assertThat(line.path("BilledMbMs").asLong()).isEqualTo(12 * 512);
        assertThat(line.path("memoryMb").asInt()).isEqualTo(512);
        assertThat(line.path("calls").path("DynamoDb.GetItem").asLong()).isEqualTo(2);
        assertThat(line.has("Throttles")).isFalse();
    }

    @Test
    void toLine_whenNoCampaign_hasOnlyTheFunctionDimension() {
        InvocationUsage usage = new InvocationUsage("scoring", Optional.empty(), Instant.EPOCH, 1, 0, Map.of(), Map.of(), 0, 0);

        JsonNode line = Json.tree(EmfRecords.toLine(usage));

        assertThat(line.path("_aws").path("CloudWatchMetrics").path(0).path("Dimensions").toString()).isEqualTo("[[\"function\"]]");
        assertThat(line.has("campaign")).isFalse();
    }

    @Test
    void fromLine_whenWrittenByToLine_readsTheSameUsage() {
        assertThat(EmfRecords.fromLine(EmfRecords.toLine(USAGE))).contains(USAGE);
    }

    @Test
    void fromLine_whenAnotherLogLine_isEmpty() {
        assertThat(EmfRecords.fromLine("{\"level\":\"INFO\",\"message\":\"lead captured\"}")).isEmpty();
        assertThat(EmfRecords.fromLine("not json")).isEmpty();
    }

    @Test
    void billedMillis_roundsUpToTheNextMillisecondAndBillsAtLeastOne() {
        assertThat(InvocationUsage.billedMillis(0)).isEqualTo(1);
        assertThat(InvocationUsage.billedMillis(1_000_000)).isEqualTo(1);
        assertThat(InvocationUsage.billedMillis(1_000_001)).isEqualTo(2);
        assertThat(InvocationUsage.billedMillis(41_300_000)).isEqualTo(42);
    }
}
