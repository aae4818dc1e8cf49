package dev.lem.store;

import dev.lem.forms.CaptureIdempotencyStore;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;

/**
 * {@code IDEM#form-capture#<form>#<key>/IDEM}: {@code status} IN_PROGRESS, INTERRUPTED or COMPLETED, {@code expiresAt}
 * (epoch seconds: a claim may be taken over, or a completed answer stops answering, after it), the outcome, and a TTL
 * a day later. An INTERRUPTED record (the capture wrote its lead, then failed) is claimable at once and hands its
 * {@code submissionId}, {@code leadId} and {@code newLead} to the claim that takes it over, until {@code resumeUntil}. The caller scopes the key by form ({@code <form id>#k:<key>} or {@code <form id>#p:<payload hash>}).
 */
public final class DynamoDbCaptureIdempotencyStore implements CaptureIdempotencyStore {

    private static final String IN_PROGRESS = "IN_PROGRESS";
    private static final String COMPLETED = "COMPLETED";
    private static final String INTERRUPTED = "INTERRUPTED";

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoDbCaptureIdempotencyStore(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    @Override
    public Claim claim(String key, Instant now, Instant claimUntil) {
        Map<String, AttributeValue> item = new HashMap<>(Items.key(Keys.captureIdempotency(key), Keys.IDEMPOTENCY_SK));
        item.put("status", Items.s(IN_PROGRESS));
        item.put("expiresAt", Items.n(claimUntil.getEpochSecond()));
        item.put(TableDefinition.TTL, Items.n(claimUntil.plus(Duration.ofDays(1)).getEpochSecond()));
        try {
            Map<String, AttributeValue> previous = DynamoCalls.run("claim capture", () -> dynamo.putItem(PutItemRequest
                    .builder().tableName(table).item(item)
                    .conditionExpression("attribute_not_exists(pk) OR expiresAt < :now")
                    .expressionAttributeValues(Map.of(":now", Items.n(now.getEpochSecond())))
                    .returnValues(software.amazon.awssdk.services.dynamodb.model.ReturnValue.ALL_OLD)
                    .build())).attributes();
            return new Claim.Claimed(resumable(previous, now));
        } catch (ConditionalCheckFailedException e) {
            Map<String, AttributeValue> existing = DynamoCalls.run("read capture claim", () -> dynamo.getItem(GetItemRequest
                    .builder().tableName(table).key(Items.key(Keys.captureIdempotency(key), Keys.IDEMPOTENCY_SK))
                    .consistentRead(true).build())).item();
            if (COMPLETED.equals(Items.optionalS(existing, "status").orElse("")) && existing.containsKey("leadId")) {
                return new Claim.Completed(new Recorded(existing.get("leadId").s(), existing.get("newLead").bool()));
            }
            return new Claim.InProgress();
        }
    }

    /** The interrupted capture a claim took over, while it may still be resumed. */
    private static Optional<Interrupted> resumable(Map<String, AttributeValue> previous, Instant now) {
        if (previous == null || !INTERRUPTED.equals(Items.optionalS(previous, "status").orElse(""))
                || !previous.containsKey("resumeUntil") || Long.parseLong(previous.get("resumeUntil").n()) < now.getEpochSecond()) {
            return Optional.empty();
        }
        return Optional.of(new Interrupted(previous.get("submissionId").s(), previous.get("leadId").s(),
                previous.get("newLead").bool()));
    }

    @Override
    public void interrupt(String key, Interrupted capture, Instant resumeUntil) {
        Map<String, AttributeValue> item = new HashMap<>(Items.key(Keys.captureIdempotency(key), Keys.IDEMPOTENCY_SK));
        item.put("status", Items.s(INTERRUPTED));
        item.put("expiresAt", Items.n(0));
        item.put("resumeUntil", Items.n(resumeUntil.getEpochSecond()));
        item.put("submissionId", Items.s(capture.submissionId()));
        item.put("leadId", Items.s(capture.leadId()));
        item.put("newLead", AttributeValue.fromBool(capture.newLead()));
        item.put(TableDefinition.TTL, Items.n(resumeUntil.plus(Duration.ofDays(1)).getEpochSecond()));
        try {
            DynamoCalls.run("interrupt capture claim", () -> dynamo.putItem(PutItemRequest.builder().tableName(table).item(item)
                    .conditionExpression("#s = :inProgress")
                    .expressionAttributeNames(Map.of("#s", "status"))
                    .expressionAttributeValues(Map.of(":inProgress", Items.s(IN_PROGRESS)))
                    .build()));
        } catch (ConditionalCheckFailedException alreadyGone) {
            // completed meanwhile or taken over
        }
    }

    @Override
    public void complete(String key, Recorded outcome, Instant answerUntil) {
        Map<String, AttributeValue> item = new HashMap<>(Items.key(Keys.captureIdempotency(key), Keys.IDEMPOTENCY_SK));
        item.put("status", Items.s(COMPLETED));
        item.put("expiresAt", Items.n(answerUntil.getEpochSecond()));
        item.put("leadId", Items.s(outcome.leadId()));
        item.put("newLead", AttributeValue.fromBool(outcome.newLead()));
        item.put(TableDefinition.TTL, Items.n(answerUntil.plus(Duration.ofDays(1)).getEpochSecond()));
        DynamoCalls.run("complete capture", () -> dynamo.putItem(PutItemRequest.builder().tableName(table).item(item).build()));
    }

    @Override
    public void release(String key) {
        try {
            DynamoCalls.run("release capture claim", () -> dynamo.deleteItem(DeleteItemRequest.builder().tableName(table)
                    .key(Items.key(Keys.captureIdempotency(key), Keys.IDEMPOTENCY_SK))
                    .conditionExpression("#s = :inProgress")
                    .expressionAttributeNames(Map.of("#s", "status"))
                    .expressionAttributeValues(Map.of(":inProgress", Items.s(IN_PROGRESS)))
                    .build()));
        } catch (ConditionalCheckFailedException alreadyGone) {
            // completed meanwhile or already released
        }
    }
}
