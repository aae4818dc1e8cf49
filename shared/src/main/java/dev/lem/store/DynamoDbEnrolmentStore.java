package dev.lem.store;

import dev.lem.journey.Enrolment;
import dev.lem.journey.EnrolmentStore;
import dev.lem.lead.LeadId;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;

/**
 * Enrolments as {@code LEAD#id / ENR#journey} (the latest run; a lead's enrolments are one query). Creation is
 * conditional on no item (or, for a re-entry, on the previous run still being stored); every move is conditional
 * on the run and seq read.
 */
public final class DynamoDbEnrolmentStore implements EnrolmentStore {

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoDbEnrolmentStore(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    @Override
    public Optional<Enrolment> find(LeadId leadId, String journeyId) {
        var response = DynamoCalls.run("find enrolment", () -> dynamo.getItem(r -> r.tableName(table)
                .key(Items.key(Keys.lead(leadId), Keys.enrolment(journeyId))).consistentRead(true)));
        return response.hasItem() && !response.item().isEmpty() ? Optional.of(enrolment(leadId, response.item())) : Optional.empty();
    }

    @Override
    public List<Enrolment> active(LeadId leadId) {
        var response = DynamoCalls.run("query enrolments", () -> dynamo.query(r -> r.tableName(table)
                .keyConditionExpression("pk = :pk AND begins_with(sk, :prefix)")
                .filterExpression("#status = :active")
                .expressionAttributeNames(Map.of("#status", "status"))
                .expressionAttributeValues(Map.of(":pk", Items.s(Keys.lead(leadId)), ":prefix", Items.s(Keys.enrolment("")),
                        ":active", Items.s(Enrolment.Status.ACTIVE.wireName())))
                .consistentRead(true)));
        return response.items().stream().map(item -> enrolment(leadId, item)).toList();
    }

    @Override
    public boolean create(Enrolment enrolment, Optional<Enrolment> replacing) {
        PutItemRequest.Builder put = PutItemRequest.builder().tableName(table).item(item(enrolment));
        if (replacing.isEmpty()) {
            put.conditionExpression("attribute_not_exists(pk)");
        } else {
            put.conditionExpression("#run = :run AND #seq = :seq")
                    .expressionAttributeNames(Map.of("#run", "run", "#seq", "seq"))
                    .expressionAttributeValues(Map.of(":run", Items.n(replacing.get().run()), ":seq", Items.n(replacing.get().seq())));
        }
        return conditionalPut("enrol", put.build());
    }

    @Override
    public boolean advance(Enrolment from, Enrolment to) {
        return conditionalPut("move enrolment", PutItemRequest.builder().tableName(table).item(item(to))
                .conditionExpression("#run = :run AND #seq = :seq")
                .expressionAttributeNames(Map.of("#run", "run", "#seq", "seq"))
                .expressionAttributeValues(Map.of(":run", Items.n(from.run()), ":seq", Items.n(from.seq())))
                .build());
    }

    private boolean conditionalPut(String operation, PutItemRequest request) {
        try {
            DynamoCalls.run(operation, () -> dynamo.putItem(request));
            return true;
        } catch (ConditionalCheckFailedException movedMeanwhile) {
            return false;
        }
    }

    private static Map<String, AttributeValue> item(Enrolment e) {
        Map<String, AttributeValue> item = new HashMap<>(Items.key(Keys.lead(e.leadId()), Keys.enrolment(e.journeyId())));
        item.put("campaignId", Items.s(e.journeyId()));
        item.put("journeyVersion", Items.n(e.journeyVersion()));
        item.put("run", Items.n(e.run()));
        item.put("trigger", Items.s(e.trigger()));
        item.put("status", Items.s(e.status().wireName()));
        item.put("position", Items.n(e.position()));
        item.put("seq", Items.n(e.seq()));
        e.timer().ifPresent(t -> item.put("timer", Items.s(t)));
        item.put("enrolledAt", Items.s(e.enrolledAt().toString()));
        item.put("updatedAt", Items.s(e.updatedAt().toString()));
        item.put("context", Items.stringMap(e.context()));
        item.put("answers", Items.stringMap(e.answers()));
        return item;
    }

    private static Enrolment enrolment(LeadId leadId, Map<String, AttributeValue> item) {
        Instant enrolledAt = Instant.parse(item.get("enrolledAt").s());
        // items of the walking skeleton (before journeys) carry only campaignId, trigger and enrolledAt: ended
        return new Enrolment(leadId, item.get("campaignId").s(), number(item, "journeyVersion", 1), number(item, "run", 1),
                item.get("trigger").s(),
                Items.optionalS(item, "status").map(Enrolment.Status::fromWireName).orElse(Enrolment.Status.COMPLETED),
                number(item, "position", 1), number(item, "seq", 1), Items.optionalS(item, "timer"), enrolledAt,
                Items.optionalS(item, "updatedAt").map(Instant::parse).orElse(enrolledAt),
                Items.toStringMap(item.get("context")), Items.toStringMap(item.get("answers")));
    }

    private static int number(Map<String, AttributeValue> item, String name, int fallback) {
        AttributeValue value = item.get(name);
        return value == null || value.n() == null ? fallback : Integer.parseInt(value.n());
    }
}
