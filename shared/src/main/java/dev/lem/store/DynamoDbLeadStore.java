package dev.lem.store;

import dev.lem.json.Json;
import dev.lem.lead.Activity;
import dev.lem.lead.Attribution;
import dev.lem.lead.FieldChange;
import dev.lem.lead.Consent;
import dev.lem.lead.EmailAddress;
import dev.lem.lead.Lead;
import dev.lem.lead.LeadConflictException;
import dev.lem.lead.LeadId;
import dev.lem.lead.LeadNotFoundException;
import dev.lem.lead.LeadState;
import dev.lem.lead.LeadStore;
import dev.lem.lead.ScoreChange;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * Leads in the single table: {@code LEAD#id/LEAD} holds the lead (the only item with PII),
 * {@code EMAIL#hash/IDENTITY} points an email hash at its lead, {@code LEAD#id/ACT#time#id} is the
 * timeline. Every write is conditional; the lead carries a version for optimistic locking.
 */
public final class DynamoDbLeadStore implements LeadStore {

    private static final int SCORE_ATTEMPTS = 5;
    private static final String CONDITIONAL_CHECK_FAILED = "ConditionalCheckFailed";
    /** Another transaction touched the same items at the same time (real DynamoDB; Local never says it). */
    private static final String TRANSACTION_CONFLICT = "TransactionConflict";

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoDbLeadStore(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    @Override
    public Optional<Lead> find(LeadId id) {
        Map<String, AttributeValue> item = DynamoCalls.run("get lead", () -> dynamo.getItem(GetItemRequest.builder()
                .tableName(table).key(Items.key(Keys.lead(id), Keys.LEAD_SK)).consistentRead(true).build())).item();
        return item.isEmpty() ? Optional.empty() : Optional.of(fromItem(item));
    }

    @Override
    public Optional<Lead> findByEmailHash(String emailHash) {
        var identity = DynamoCalls.run("get identity", () -> dynamo.getItem(GetItemRequest.builder().tableName(table)
                .key(Items.key(Keys.email(emailHash), Keys.IDENTITY_SK)).consistentRead(true).build())).item();
        if (identity.isEmpty()) {
            return Optional.empty();
        }
        return find(new LeadId(identity.get("leadId").s()));
    }

    @Override
    public void create(Lead lead) {
        Map<String, AttributeValue> identity = new HashMap<>(Items.key(Keys.email(lead.emailHash()), Keys.IDENTITY_SK));
        identity.put("leadId", Items.s(lead.id().value()));
        try {
            DynamoCalls.run("create lead", () -> dynamo.transactWriteItems(TransactWriteItemsRequest.builder()
                    .transactItems(
                            put(toItem(lead.withVersion(1))),
                            put(identity))
                    .build()));
        } catch (TransactionCanceledException e) {
            if (anyConditionFailed(e)) {
                throw new LeadConflictException("lead or email identity already exists");
            }
            throw e;
        }
    }

    @Override
    public void update(Lead lead) {
        try {
            DynamoCalls.run("update lead", () -> dynamo.putItem(PutItemRequest.builder().tableName(table)
                    .item(toItem(lead.withVersion(lead.version() + 1)))
                    .conditionExpression("#v = :expected")
                    .expressionAttributeNames(Map.of("#v", "version"))
                    .expressionAttributeValues(Map.of(":expected", Items.n(lead.version())))
                    .build()));
        } catch (ConditionalCheckFailedException e) {
            throw new LeadConflictException("lead " + lead.id() + " changed since version " + lead.version());
        }
    }

    @Override
    public void recordActivity(Activity activity) {
        try {
            DynamoCalls.run("record activity", () -> dynamo.putItem(PutItemRequest.builder().tableName(table)
                    .item(activityItem(activity))
                    .conditionExpression("attribute_not_exists(pk)")
                    .build()));
        } catch (ConditionalCheckFailedException duplicate) {
            // already recorded: at-least-once delivery, nothing to do
        }
    }

    @Override
    public Optional<ScoreChange> applyActivity(Activity activity, int points) {
        for (int attempt = 1; ; attempt++) {
            Lead lead = find(activity.leadId()).orElseThrow(() -> new LeadNotFoundException(activity.leadId()));
            int score = lead.score() + points;
            Update scoreUpdate = Update.builder().tableName(table)
                    .key(Items.key(Keys.lead(lead.id()), Keys.LEAD_SK))
                    .updateExpression("SET score = :score, #v = :next, updatedAt = :now")
                    .conditionExpression("#v = :expected")
                    .expressionAttributeNames(Map.of("#v", "version"))
                    .expressionAttributeValues(Map.of(":score", Items.n(score), ":next", Items.n(lead.version() + 1),
                            ":expected", Items.n(lead.version()), ":now", Items.s(activity.occurredAt().toString())))
                    .build();
            try {
                DynamoCalls.run("apply activity", () -> dynamo.transactWriteItems(TransactWriteItemsRequest.builder()
                        .transactItems(
                                TransactWriteItem.builder().put(Put.builder().tableName(table).item(activityItem(activity))
                                        .conditionExpression("attribute_not_exists(pk)").build()).build(),
                                TransactWriteItem.builder().update(scoreUpdate).build())
                        .build()));
                return Optional.of(new ScoreChange(lead.id(), lead.score(), score));
            } catch (TransactionCanceledException e) {
                List<CancellationReason> reasons = e.cancellationReasons();
                if (failed(reasons, 0)) {
                    return Optional.empty();
                }
                boolean raced = failed(reasons, 1) || reasons.stream().anyMatch(r -> TRANSACTION_CONFLICT.equals(r.code()));
                if (!raced || attempt == SCORE_ATTEMPTS) {
                    throw new LeadConflictException("score of lead " + lead.id() + " kept changing; retry later");
                }
            }
        }
    }

    @Override
    public List<Activity> activities(LeadId id) {
        List<Activity> activities = new java.util.ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> from = start;
            var page = DynamoCalls.run("query activities", () -> dynamo.query(QueryRequest.builder().tableName(table)
                    .keyConditionExpression("pk = :pk AND begins_with(sk, :act)")
                    .expressionAttributeValues(Map.of(":pk", Items.s(Keys.lead(id)), ":act", Items.s(Keys.ACTIVITY_PREFIX)))
                    .scanIndexForward(false).consistentRead(true).exclusiveStartKey(from).build()));
            page.items().forEach(item -> activities.add(activityFromItem(id, item)));
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        return List.copyOf(activities);
    }

    private static Activity activityFromItem(LeadId id, Map<String, AttributeValue> item) {
        return new Activity(item.get("activityId").s(), id, item.get("type").s(), Instant.parse(item.get("occurredAt").s()),
                Items.toStringMap(item.get("attributes")));
    }

    static Map<String, AttributeValue> activityItem(Activity activity) {
        Map<String, AttributeValue> item = new HashMap<>(
                Items.key(Keys.lead(activity.leadId()), Keys.activity(activity.occurredAt(), activity.activityId())));
        item.put("type", Items.s(activity.type()));
        item.put("activityId", Items.s(activity.activityId()));
        item.put("occurredAt", Items.s(activity.occurredAt().toString()));
        if (!activity.attributes().isEmpty()) {
            item.put("attributes", Items.stringMap(activity.attributes()));
        }
        return item;
    }

    private TransactWriteItem put(Map<String, AttributeValue> item) {
        return TransactWriteItem.builder().put(Put.builder().tableName(table).item(item)
                .conditionExpression("attribute_not_exists(pk)").build()).build();
    }

    private static boolean anyConditionFailed(TransactionCanceledException e) {
        return e.cancellationReasons().stream().anyMatch(r -> CONDITIONAL_CHECK_FAILED.equals(r.code()));
    }

    private static boolean failed(List<CancellationReason> reasons, int index) {
        return reasons.size() > index && CONDITIONAL_CHECK_FAILED.equals(reasons.get(index).code());
    }

    static Map<String, AttributeValue> toItem(Lead lead) {
        Map<String, AttributeValue> item = new HashMap<>(Items.key(Keys.lead(lead.id()), Keys.LEAD_SK));
        item.put("id", Items.s(lead.id().value()));
        if (lead.emailHash() != null) {
            item.put("emailHash", Items.s(lead.emailHash()));
        }
        if (lead.email() != null) {
            item.put("email", Items.s(lead.email().value()));
        }
        item.put("profile", Items.stringMap(lead.profile()));
        item.put("state", Items.s(lead.state().wireName()));
        item.put("stateEnteredAt", Items.s(lead.stateEnteredAt().toString()));
        item.put("score", Items.n(lead.score()));
        item.put("consents", AttributeValue.fromM(lead.consents().entrySet().stream().collect(Collectors.toMap(
                Map.Entry::getKey, e -> consentItem(e.getValue())))));
        if (lead.attribution().firstTouch() != null || lead.attribution().lastTouch() != null) {
            item.put("attribution", Items.s(Json.write(lead.attribution())));
        }
        if (!lead.profileHistory().isEmpty()) {
            item.put("profileHistory", Items.s(Json.write(lead.profileHistory())));
        }
        item.put("createdAt", Items.s(lead.createdAt().toString()));
        item.put("updatedAt", Items.s(lead.updatedAt().toString()));
        item.put("version", Items.n(lead.version()));
        item.put(dev.lem.store.TableDefinition.GSI1_PK, Items.s(Keys.stateIndex(lead.state())));
        item.put(dev.lem.store.TableDefinition.GSI1_SK, Items.s(lead.stateEnteredAt() + "#" + lead.id().value()));
        return item;
    }

    static Lead fromItem(Map<String, AttributeValue> item) {
        Map<String, Consent> consents = item.getOrDefault("consents", AttributeValue.fromM(Map.of())).m().entrySet()
                .stream().collect(Collectors.toMap(Map.Entry::getKey, e -> {
                    Map<String, AttributeValue> c = e.getValue().m();
                    return new Consent(c.get("granted").bool(), c.get("textVersion").s(),
                            Instant.parse(c.get("recordedAt").s()), Items.optionalS(c, "formId").orElse(null),
                            Items.optionalS(c, "ipHash").orElse(null),
                            Items.optionalS(c, "confirmedAt").map(Instant::parse).orElse(null));
                }));
        return new Lead(new LeadId(item.get("id").s()),
                Items.optionalS(item, "emailHash").orElse(null),
                Items.optionalS(item, "email").map(EmailAddress::new).orElse(null),
                Items.toStringMap(item.get("profile")),
                LeadState.fromWireName(item.get("state").s()),
                Instant.parse(item.get("stateEnteredAt").s()),
                Integer.parseInt(item.get("score").n()),
                consents,
                Instant.parse(item.get("createdAt").s()),
                Instant.parse(item.get("updatedAt").s()),
                Long.parseLong(item.get("version").n()),
                Items.optionalS(item, "attribution").map(j -> Json.read(j, Attribution.class)).orElse(Attribution.NONE),
                Items.optionalS(item, "profileHistory").map(j -> Json.mapper().convertValue(Json.tree(j), PROFILE_HISTORY))
                        .orElse(Map.of()));
    }

    private static final com.fasterxml.jackson.core.type.TypeReference<Map<String, List<FieldChange>>> PROFILE_HISTORY =
            new com.fasterxml.jackson.core.type.TypeReference<>() {};

    private static AttributeValue consentItem(Consent consent) {
        Map<String, AttributeValue> c = new HashMap<>(Map.of(
                "granted", AttributeValue.fromBool(consent.granted()),
                "textVersion", Items.s(consent.textVersion()),
                "recordedAt", Items.s(consent.recordedAt().toString())));
        if (consent.formId() != null) {
            c.put("formId", Items.s(consent.formId()));
        }
        if (consent.ipHash() != null) {
            c.put("ipHash", Items.s(consent.ipHash()));
        }
        if (consent.confirmedAt() != null) {
            c.put("confirmedAt", Items.s(consent.confirmedAt().toString()));
        }
        return AttributeValue.fromM(c);
    }
}
