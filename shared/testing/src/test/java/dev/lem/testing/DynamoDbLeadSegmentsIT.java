package dev.lem.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lem.journey.LeadSegments;
import dev.lem.lead.Lead;
import dev.lem.lead.LeadId;
import dev.lem.lead.LeadState;
import dev.lem.store.DynamoDbLeadSegments;
import dev.lem.store.DynamoDbLeadStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(AwsEnginesExtension.class)
class DynamoDbLeadSegmentsIT {

    private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");

    private final DynamoDbLeadStore leads;
    private final DynamoDbLeadSegments segments;

    DynamoDbLeadSegmentsIT(AwsEngines engines) {
        String table = engines.createTable();
        this.leads = new DynamoDbLeadStore(engines.dynamoDb(), table);
        this.segments = new DynamoDbLeadSegments(engines.dynamoDb(), table);
    }

    private LeadId store(LeadState state, int secondsAfter) {
        LeadId id = new LeadId(UUID.randomUUID().toString());
        Instant entered = NOW.plusSeconds(secondsAfter);
        leads.create(new Lead(id, "h-" + id.value(), null, Map.of(), state, entered, 0, Map.of(), entered, entered, 0));
        return id;
    }

    @Test
    void page_walksEveryLeadOfTheStateOnceInTheOrderTheyEnteredIt() {
        List<LeadId> mqls = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            mqls.add(store(LeadState.MQL, i));
            store(LeadState.LEAD, i);
        }

        List<LeadId> walked = new ArrayList<>();
        Optional<String> cursor = Optional.empty();
        int pages = 0;
        do {
            LeadSegments.Page page = segments.page(LeadState.MQL, cursor, 10);
            walked.addAll(page.leads());
            cursor = page.next();
            pages++;
        } while (cursor.isPresent());

        assertThat(walked).containsExactlyElementsOf(mqls);
        assertThat(pages).isBetween(3, 4);
    }

    @Test
    void page_whenTheCursorIsForged_refusesIt() {
        store(LeadState.MQL, 1);
        store(LeadState.MQL, 2);
        String otherState = segments.page(LeadState.MQL, Optional.empty(), 1).next().orElseThrow();
        String garbage = Base64.getUrlEncoder().encodeToString("{\"pk\":1}".getBytes());

        assertThatThrownBy(() -> segments.page(LeadState.SQL, Optional.of(otherState), 10))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not of this segment");
        assertThatThrownBy(() -> segments.page(LeadState.MQL, Optional.of(garbage), 10))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> segments.page(LeadState.MQL, Optional.of("%%%"), 10))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void page_whenTheStateIsEmpty_isAnEmptyLastPage() {
        LeadSegments.Page page = segments.page(LeadState.CUSTOMER, Optional.empty(), 10);

        assertThat(page.leads()).isEmpty();
        assertThat(page.next()).isEmpty();
    }
}
