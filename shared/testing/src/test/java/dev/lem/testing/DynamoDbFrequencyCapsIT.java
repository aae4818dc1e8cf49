package dev.lem.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lem.lead.LeadId;
import dev.lem.messaging.Channel;
import dev.lem.messaging.FrequencyCaps;
import dev.lem.messaging.FrequencyCaps.Result;
import dev.lem.store.DynamoDbFrequencyCaps;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(AwsEnginesExtension.class)
class DynamoDbFrequencyCapsIT {

    private static final Instant DAY_ENDS = Instant.parse("2026-11-24T00:00:00Z");
    private static final Instant WEEK_ENDS = Instant.parse("2026-11-30T00:00:00Z");

    private final DynamoDbFrequencyCaps caps;

    DynamoDbFrequencyCapsIT(AwsEngines engines) {
        this.caps = new DynamoDbFrequencyCaps(engines.dynamoDb(), engines.createTable());
    }

    private static FrequencyCaps.Reservation reservation(LeadId lead, Channel channel, String messageId, String day, int perDay,
                                                         int perWeek) {
        return new FrequencyCaps.Reservation(lead, channel, messageId, day, DAY_ENDS, perDay, "2026-W48", WEEK_ENDS, perWeek);
    }

    @Test
    void reserve_whenManyDeliveriesRaceForTheLastSlots_countsExactlyUpToTheCap() throws Exception {
        LeadId lead = LeadId.random();
        List<Future<Result>> results = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
            for (int i = 0; i < 12; i++) {
                String id = "m" + i;
                results.add(pool.submit(() -> {
                    for (int attempt = 0; ; attempt++) {
                        try {
                            return caps.reserve(reservation(lead, Channel.EMAIL, id, "2026-11-23", 3, 10));
                        } catch (dev.lem.store.StoreUnavailableException conflict) {
                            if (attempt == 20) {
                                throw conflict;
                            }
                        }
                    }
                }));
            }
        }
        List<Result> outcomes = new ArrayList<>();
        for (Future<Result> result : results) {
            outcomes.add(result.get());
        }

        assertThat(outcomes).filteredOn(r -> r == Result.RESERVED).hasSize(3);
        assertThat(outcomes).filteredOn(r -> r == Result.DAILY_CAP_REACHED).hasSize(9);
    }

    @Test
    void reserve_whenTheSameMessageIsReservedAgain_countsItOnce() {
        LeadId lead = LeadId.random();

        assertThat(caps.reserve(reservation(lead, Channel.EMAIL, "m1", "2026-11-23", 1, 5))).isEqualTo(Result.RESERVED);
        assertThat(caps.reserve(reservation(lead, Channel.EMAIL, "m1", "2026-11-23", 1, 5))).isEqualTo(Result.ALREADY_RESERVED);
        assertThat(caps.reserve(reservation(lead, Channel.EMAIL, "m2", "2026-11-23", 1, 5))).isEqualTo(Result.DAILY_CAP_REACHED);
    }

    @Test
    void reserve_whenTheWeekIsFull_refusesOnANewDayAndCountsNothing() {
        LeadId lead = LeadId.random();
        caps.reserve(reservation(lead, Channel.EMAIL, "m1", "2026-11-23", 1, 2));
        caps.reserve(reservation(lead, Channel.EMAIL, "m2", "2026-11-24", 1, 2));

        assertThat(caps.reserve(reservation(lead, Channel.EMAIL, "m3", "2026-11-25", 1, 2))).isEqualTo(Result.WEEKLY_CAP_REACHED);
        assertThat(caps.reserve(reservation(lead, Channel.SMS, "m3", "2026-11-25", 1, 2))).isEqualTo(Result.RESERVED);
    }
}
