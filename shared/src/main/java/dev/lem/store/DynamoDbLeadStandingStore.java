package dev.lem.store;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.lem.json.Json;
import dev.lem.lead.ContactStatus;
import dev.lem.lead.DuplicateActivityException;
import dev.lem.lead.Lead;
import dev.lem.lead.LeadConflictException;
import dev.lem.lead.LeadId;
import dev.lem.lead.LeadStanding;
import dev.lem.lead.LeadStandingStore;
import dev.lem.lead.LeadState;
import dev.lem.lead.ModelScore;
import dev.lem.lead.PredictedConversion;
import dev.lem.lead.StandingWrite;
import dev.lem.lead.StateEntry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * Standings in the single table: {@code LEAD#id/STANDING} (scores per model as JSON, contact status, timer
 * names, version) and the lifecycle log {@code LEAD#id/STATE#enteredAt#state}. A save is one transaction over
 * the activity (must be new), the lead (version as read), the standing (version as read) and the log entry.
 */
public final class DynamoDbLeadStandingStore implements LeadStandingStore {

    private static final String CONDITIONAL_CHECK_FAILED = "ConditionalCheckFailed";
    private static final String TRANSACTION_CONFLICT = "TransactionConflict";
    private static final TypeReference<Map<String, ModelScore>> SCORES = new TypeReference<>() {};

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoDbLeadStandingStore(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    @Override
    public Optional<LeadStanding> find(LeadId id) {
        Map<String, AttributeValue> item = DynamoCalls.run("get standing", () -> dynamo.getItem(GetItemRequest.builder()
                .tableName(table).key(Items.key(Keys.lead(id), Keys.STANDING_SK)).consistentRead(true).build())).item();
        if (item.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new LeadStanding(id,
                Json.mapper().convertValue(Json.tree(item.get("scores").s()), SCORES),
                ContactStatus.fromWireName(item.get("contactStatus").s()),
                Items.optionalS(item, "decayTimer"), Items.optionalS(item, "slaTimer"),
                Long.parseLong(item.get("version").n()),
                Items.optionalS(item, "lastCause"), Items.optionalS(item, "lastEvents"),
                Items.optionalS(item, "prediction").map(json -> Json.read(json, PredictedConversion.class))));
    }

    @Override
    public List<StateEntry> history(LeadId id) {
        List<StateEntry> entries = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> from = start;
            var page = DynamoCalls.run("query state log", () -> dynamo.query(QueryRequest.builder().tableName(table)
                    .keyConditionExpression("pk = :pk AND begins_with(sk, :state)")
                    .expressionAttributeValues(Map.of(":pk", Items.s(Keys.lead(id)), ":state", Items.s(Keys.STATE_LOG_PREFIX)))
                    .consistentRead(true).exclusiveStartKey(from).build()));
            page.items().forEach(item -> entries.add(new StateEntry(LeadState.fromWireName(item.get("from").s()),
                    LeadState.fromWireName(item.get("to").s()), Instant.parse(item.get("enteredAt").s()),
                    Items.optionalS(item, "reason").orElse(""))));
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        return List.copyOf(entries);
    }

    @Override
    public void save(StandingWrite write) {
        List<TransactWriteItem> items = new ArrayList<>();
        write.activity().ifPresent(activity -> items.add(TransactWriteItem.builder().put(Put.builder().tableName(table)
                .item(DynamoDbLeadStore.activityItem(activity)).conditionExpression("attribute_not_exists(pk)").build()).build()));
        int leadIndex = items.size();
        items.add(TransactWriteItem.builder().update(leadUpdate(write.lead())).build());
        int standingIndex = items.size();
        items.add(TransactWriteItem.builder().put(standingPut(write.standing())).build());
        write.stateEntry().ifPresent(entry -> items.add(TransactWriteItem.builder().put(Put.builder().tableName(table)
                .item(stateEntryItem(write.lead().id(), entry)).build()).build()));
        try {
            DynamoCalls.run("save standing", () -> dynamo.transactWriteItems(TransactWriteItemsRequest.builder()
                    .transactItems(items).build()));
        } catch (TransactionCanceledException e) {
            List<CancellationReason> reasons = e.cancellationReasons();
            if (write.activity().isPresent() && failed(reasons, 0)) {
                throw new DuplicateActivityException(write.activity().get().activityId());
            }
            if (failed(reasons, leadIndex) || failed(reasons, standingIndex)
                    || reasons.stream().anyMatch(r -> TRANSACTION_CONFLICT.equals(r.code()))) {
                throw new LeadConflictException("lead " + write.lead().id() + " or its standing changed since read");
            }
            throw e;
        }
    }

    private Update leadUpdate(Lead lead) {
        return Update.builder().tableName(table)
                .key(Items.key(Keys.lead(lead.id()), Keys.LEAD_SK))
                .updateExpression("SET score = :score, #s = :state, stateEnteredAt = :entered, #gpk = :gpk, #gsk = :gsk, "
                        + "updatedAt = :updated, #v = :next")
                .conditionExpression("attribute_exists(pk) AND #v = :expected")
                .expressionAttributeNames(Map.of("#v", "version", "#s", "state",
                        "#gpk", TableDefinition.GSI1_PK, "#gsk", TableDefinition.GSI1_SK))
                .expressionAttributeValues(Map.of(
                        ":score", Items.n(lead.score()),
                        ":state", Items.s(lead.state().wireName()),
                        ":entered", Items.s(lead.stateEnteredAt().toString()),
                        ":gpk", Items.s(Keys.stateIndex(lead.state())),
                        ":gsk", Items.s(lead.stateEnteredAt() + "#" + lead.id().value()),
                        ":updated", Items.s(lead.updatedAt().toString()),
                        ":next", Items.n(lead.version() + 1),
                        ":expected", Items.n(lead.version())))
                .build();
    }

    private Put standingPut(LeadStanding standing) {
        Map<String, AttributeValue> item = new HashMap<>(Items.key(Keys.lead(standing.leadId()), Keys.STANDING_SK));
        item.put("scores", Items.s(Json.write(standing.sortedScores())));
        item.put("contactStatus", Items.s(standing.contactStatus().wireName()));
        standing.decayTimer().ifPresent(t -> item.put("decayTimer", Items.s(t)));
        standing.slaTimer().ifPresent(t -> item.put("slaTimer", Items.s(t)));
        standing.lastCause().ifPresent(c -> item.put("lastCause", Items.s(c)));
        standing.lastEvents().ifPresent(e -> item.put("lastEvents", Items.s(e)));
        standing.prediction().ifPresent(p -> item.put("prediction", Items.s(Json.write(p))));
        item.put("version", Items.n(standing.version() + 1));
        Put.Builder put = Put.builder().tableName(table).item(item);
        if (standing.version() == 0) {
            put.conditionExpression("attribute_not_exists(pk)");
        } else {
            put.conditionExpression("#v = :expected").expressionAttributeNames(Map.of("#v", "version"))
                    .expressionAttributeValues(Map.of(":expected", Items.n(standing.version())));
        }
        return put.build();
    }

    private static Map<String, AttributeValue> stateEntryItem(LeadId id, StateEntry entry) {
        Map<String, AttributeValue> item = new HashMap<>(Items.key(Keys.lead(id), Keys.stateEntry(entry.enteredAt(), entry.to())));
        item.put("from", Items.s(entry.from().wireName()));
        item.put("to", Items.s(entry.to().wireName()));
        item.put("enteredAt", Items.s(entry.enteredAt().toString()));
        if (!entry.reason().isEmpty()) {
            item.put("reason", Items.s(entry.reason()));
        }
        return item;
    }

    private static boolean failed(List<CancellationReason> reasons, int index) {
        return reasons.size() > index && CONDITIONAL_CHECK_FAILED.equals(reasons.get(index).code());
    }
}
