package dev.lem.store;

import dev.lem.lead.Lead;
import dev.lem.lead.LeadErasure;
import dev.lem.lead.LeadId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.DeleteRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * A lead's footprint is its partition ({@code LEAD#id}: the lead, {@code ACT#…} activity, {@code ENR#…} enrolments,
 * {@code CAP#…} counters, {@code TIMER#…} remembered timers; the pending timers of its enrolments and of its scoring
 * standing are read from those items) plus its identity item {@code EMAIL#hash/IDENTITY}.
 * Deleting queries the partition (consistent, paginated) and deletes in batches of 25, retrying what DynamoDB left
 * unprocessed.
 */
public final class DynamoDbLeadErasure implements LeadErasure {

    private static final int BATCH = 25;
    private static final int UNPROCESSED_ATTEMPTS = 8;
    private static final Duration KEEP_TIMER_AFTER_FIRING = Duration.ofDays(2);
    private static final String ENROLMENT_PREFIX = "ENR#";
    private static final String TIMER_PREFIX = "TIMER#";

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoDbLeadErasure(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    @Override
    public void rememberTimer(LeadId leadId, String scheduleName, Instant firesAt) {
        Map<String, AttributeValue> item = new HashMap<>(Items.key(Keys.lead(leadId), Keys.timer(scheduleName)));
        item.put("scheduleName", Items.s(scheduleName));
        item.put("firesAt", Items.s(firesAt.toString()));
        item.put(TableDefinition.TTL, Items.n(firesAt.plus(KEEP_TIMER_AFTER_FIRING).getEpochSecond()));
        DynamoCalls.run("remember timer", () -> dynamo.putItem(PutItemRequest.builder().tableName(table).item(item).build()));
    }

    @Override
    public Optional<Footprint> footprint(LeadId leadId) {
        List<Map<String, AttributeValue>> items = partition(leadId);
        Optional<Lead> lead = items.stream().filter(i -> Keys.LEAD_SK.equals(i.get(TableDefinition.SK).s())).findFirst()
                .map(DynamoDbLeadStore::fromItem);
        if (lead.isEmpty()) {
            return Optional.empty();
        }
        List<String> campaigns = new ArrayList<>();
        List<String> timers = new ArrayList<>();
        for (Map<String, AttributeValue> item : items) {
            String sk = item.get(TableDefinition.SK).s();
            if (sk.startsWith(ENROLMENT_PREFIX)) {
                campaigns.add(sk.substring(ENROLMENT_PREFIX.length()));
                Items.optionalS(item, "timer").ifPresent(timers::add); // the journey's pending wait
            } else if (Keys.STANDING_SK.equals(sk)) {
                Items.optionalS(item, "decayTimer").ifPresent(timers::add); // scoring's timers
                Items.optionalS(item, "slaTimer").ifPresent(timers::add);
            } else if (sk.startsWith(TIMER_PREFIX)) {
                timers.add(sk.substring(TIMER_PREFIX.length()));
            }
        }
        return Optional.of(new Footprint(lead.get(), campaigns, timers, items.size()));
    }

    @Override
    public void deleteAll(Lead lead) {
        List<Map<String, AttributeValue>> keys = new ArrayList<>();
        for (Map<String, AttributeValue> item : partition(lead.id())) {
            keys.add(Map.of(TableDefinition.PK, item.get(TableDefinition.PK), TableDefinition.SK, item.get(TableDefinition.SK)));
        }
        if (lead.emailHash() != null) {
            keys.add(Items.key(Keys.email(lead.emailHash()), Keys.IDENTITY_SK));
        }
        for (int from = 0; from < keys.size(); from += BATCH) {
            delete(keys.subList(from, Math.min(keys.size(), from + BATCH)));
        }
    }

    private void delete(List<Map<String, AttributeValue>> keys) {
        List<WriteRequest> pending = keys.stream()
                .map(k -> WriteRequest.builder().deleteRequest(DeleteRequest.builder().key(k).build()).build()).toList();
        for (int attempt = 1; !pending.isEmpty(); attempt++) {
            if (attempt > UNPROCESSED_ATTEMPTS) {
                throw new StoreUnavailableException("erasure: DynamoDB kept items unprocessed; retry later", null);
            }
            List<WriteRequest> batch = pending;
            BatchWriteItemResponse response = DynamoCalls.run("erase items", () -> dynamo.batchWriteItem(
                    r -> r.requestItems(Map.of(table, batch))));
            pending = response.hasUnprocessedItems() ? response.unprocessedItems().getOrDefault(table, List.of()) : List.of();
            if (!pending.isEmpty()) {
                ConflictBackoff.pause(attempt, "erasure");
            }
        }
    }

    private List<Map<String, AttributeValue>> partition(LeadId leadId) {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> from = start;
            QueryResponse page = DynamoCalls.run("read lead partition", () -> dynamo.query(QueryRequest.builder()
                    .tableName(table).consistentRead(true)
                    .keyConditionExpression("pk = :pk")
                    .expressionAttributeValues(Map.of(":pk", Items.s(Keys.lead(leadId))))
                    .exclusiveStartKey(from)
                    .build()));
            items.addAll(page.items());
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        return items;
    }
}
