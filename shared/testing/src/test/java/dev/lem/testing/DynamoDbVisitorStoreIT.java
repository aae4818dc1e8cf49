package dev.lem.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lem.lead.LeadId;
import dev.lem.lead.VisitorActivity;
import dev.lem.store.DynamoDbVisitorStore;
import dev.lem.visitor.VisitorLink;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

@ExtendWith(AwsEnginesExtension.class)
class DynamoDbVisitorStoreIT {

    private static final String VID = "AAECAwQFBgcICQoLDA0ODw";
    private static final Instant T0 = Instant.parse("2026-11-23T10:15:30Z");

    private final AwsEngines engines;
    private final String table;
    private final DynamoDbVisitorStore store;

    DynamoDbVisitorStoreIT(AwsEngines engines) {
        this.engines = engines;
        this.table = engines.createTable();
        this.store = new DynamoDbVisitorStore(engines.dynamoDb(), table);
    }

    @Test
    void record_whenTheSameActivityComesTwice_storesItOnceWithAttributesAndTtl() {
        VisitorActivity hit = VisitorActivity.of("v-1", VID, "page.view", T0, Map.of("page", "www.example.com/"));

        store.record(hit, T0.plusSeconds(3600));
        store.record(hit, T0.plusSeconds(7200));

        assertThat(store.activities(VID, 10)).containsExactly(hit);
        Map<String, AttributeValue> item = engines.dynamoDb().getItem(g -> g.tableName(table).key(Map.of(
                "pk", AttributeValue.fromS("VISITOR#" + VID), "sk", AttributeValue.fromS("ACT#" + T0 + "#v-1")))).item();
        assertThat(item.get("ttl").n()).isEqualTo(Long.toString(T0.plusSeconds(3600).getEpochSecond()));
    }

    @Test
    void activities_whenMoreThanTheLimit_listsTheOldestFirstAndForgetRemovesThem() {
        VisitorActivity later = VisitorActivity.of("v-2", VID, "page.view", T0.plusSeconds(60), Map.of());
        VisitorActivity earlier = VisitorActivity.of("v-1", VID, "page.view", T0, Map.of());
        store.record(later, T0.plusSeconds(3600));
        store.record(earlier, T0.plusSeconds(3600));

        assertThat(store.activities(VID, 1)).containsExactly(earlier);
        store.forget(earlier);
        store.forget(earlier);

        assertThat(store.activities(VID, 10)).containsExactly(later);
    }

    @Test
    void link_whenAnOlderLinkComesAfterANewerOne_keepsTheNewer() {
        LeadId first = LeadId.random();
        LeadId second = LeadId.random();
        assertThat(store.linkedLead(VID)).isEmpty();

        store.link(VisitorLink.of("s-2", VID, second, T0.plusSeconds(60)), T0.plusSeconds(86_400));
        store.link(VisitorLink.of("s-1", VID, first, T0), T0.plusSeconds(86_400));
        store.link(VisitorLink.of("s-2", VID, second, T0.plusSeconds(60)), T0.plusSeconds(86_400));

        assertThat(store.linkedLead(VID)).contains(second);
    }
}
