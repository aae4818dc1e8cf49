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

    @Test
    void toLine_isExactlyTheLineCloudWatchAndFromLineExpect_fieldForField() {
        InvocationUsage everything = new InvocationUsage("drip", Optional.of("spring \"q\" \u00e9"),
                Instant.parse("2026-11-23T10:00:00Z"), 12, 512, Map.of("dynamodb.read", 2L, "sqs", 1L),
                Map.of("DynamoDb.GetItem", 2L, "Sqs.SendMessage", 1L), 1, 3);
        InvocationUsage bare = new InvocationUsage("tracking", Optional.empty(), Instant.parse("2026-11-23T10:00:00Z"),
                1, 256, Map.of(), Map.of(), 0, 0);

        // the lines the former tree-built writer produced, byte for byte
        assertThat(EmfRecords.toLine(everything)).isEqualTo("{\"_aws\":{\"Timestamp\":1795428000000,\"CloudWatchMetrics\":[{\"Namespace\":\"LEM\",\"Dimensions\":[[\"function\"],[\"function\",\"campaign\"]],\"Metrics\":[{\"Name\":\"Invocations\",\"Unit\":\"Count\"},{\"Name\":\"BilledMs\",\"Unit\":\"Milliseconds\"},{\"Name\":\"BilledMbMs\",\"Unit\":\"None\"},{\"Name\":\"dynamodb.read\",\"Unit\":\"Count\"},{\"Name\":\"sqs\",\"Unit\":\"Count\"},{\"Name\":\"Retries\",\"Unit\":\"Count\"},{\"Name\":\"Throttles\",\"Unit\":\"Count\"}]}]},\"function\":\"drip\",\"campaign\":\"spring \\\"q\\\" \u00e9\",\"Invocations\":1,\"BilledMs\":12,\"BilledMbMs\":6144,\"dynamodb.read\":2,\"sqs\":1,\"Retries\":1,\"Throttles\":3,\"memoryMb\":512,\"calls\":{\"DynamoDb.GetItem\":2,\"Sqs.SendMessage\":1}}");
        assertThat(EmfRecords.toLine(bare)).isEqualTo("{\"_aws\":{\"Timestamp\":1795428000000,\"CloudWatchMetrics\":[{\"Namespace\":\"LEM\",\"Dimensions\":[[\"function\"]],\"Metrics\":[{\"Name\":\"Invocations\",\"Unit\":\"Count\"},{\"Name\":\"BilledMs\",\"Unit\":\"Milliseconds\"},{\"Name\":\"BilledMbMs\",\"Unit\":\"None\"}]}]},\"function\":\"tracking\",\"Invocations\":1,\"BilledMs\":1,\"BilledMbMs\":256,\"memoryMb\":256,\"calls\":{}}");
        assertThat(EmfRecords.fromLine(EmfRecords.toLine(everything))).contains(everything);
    }
}
