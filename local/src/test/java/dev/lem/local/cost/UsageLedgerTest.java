package dev.lem.local.cost;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lem.cost.EmfRecords;
import dev.lem.cost.InvocationUsage;
import dev.lem.events.LeadCaptured;
import dev.lem.events.LeadStateChanged;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UsageLedgerTest {

    private static final LocalDate DAY = LocalDate.parse("2026-11-23");

    @TempDir
    Path dir;

    private static String line(String function, Optional<String> campaign, String at, long reads) {
        return EmfRecords.toLine(new InvocationUsage(function, campaign, Instant.parse(at), 10, 512,
                Map.of("dynamodb.read", reads), Map.of("DynamoDb.GetItem", reads), 0, 0));
    }

    @Test
    void totalAndByCampaign_whenRecordsOnSeveralDays_sumOnlyTheDaysAsked() {
        UsageLedger ledger = UsageLedger.open(dir.resolve("usage.jsonl"));
        ledger.accept(line("drip", Optional.of("spring"), "2026-11-23T00:00:00Z", 2));
        ledger.accept(line("scoring", Optional.empty(), "2026-11-23T23:59:59Z", 3));
        ledger.accept(line("drip", Optional.of("spring"), "2026-11-24T00:00:00Z", 100));
        ledger.accept("{\"level\":\"INFO\",\"message\":\"not a metric\"}");

        assertThat(ledger.total(DAY, DAY).meters()).containsEntry("dynamodb.read", 5L);
        assertThat(ledger.total(DAY, DAY).invocations()).isEqualTo(2);
        assertThat(ledger.total(DAY, DAY).billedMbMs()).isEqualTo(2 * 10 * 512);
        assertThat(ledger.byCampaign(DAY, DAY)).containsOnlyKeys("spring");
        assertThat(ledger.byCampaign(DAY, DAY.plusDays(1)).get("spring").meters()).containsEntry("dynamodb.read", 102L);
    }

    @Test
    void open_whenTheFileHasRecordsOfAnEarlierRun_readsThemBack() {
        UsageLedger.open(dir.resolve("usage.jsonl")).accept(line("drip", Optional.of("spring"), "2026-11-23T10:00:00Z", 2));

        assertThat(UsageLedger.open(dir.resolve("usage.jsonl")).total(DAY, DAY).meters()).containsEntry("dynamodb.read", 2L);
    }
}
