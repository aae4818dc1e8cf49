package dev.lem.store;

import dev.lem.lead.LeadId;
import dev.lem.lead.VisitorActivity;
import dev.lem.visitor.VisitorLink;
import dev.lem.visitor.VisitorStore;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

/**
 * Visitors in the single table: {@code VISITOR#vid/LINK} points a visitor at its lead (the "lead by anonymous
 * visitor id" access pattern, one read), {@code VISITOR#vid/ACT#time#id} holds its anonymous activity until merged
 * or expired ({@code ttl}). Writes are conditional, so redeliveries change nothing.
 */
public final class DynamoDbVisitorStore implements VisitorStore {

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoDbVisitorStore(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    @Override
    public Optional<LeadId> linkedLead(String visitorId) {
        Map<String, AttributeValue> item = DynamoCalls.run("get visitor link", () -> dynamo.getItem(GetItemRequest.builder()
                .tableName(table).key(Items.key(Keys.visitor(visitorId), Keys.VISITOR_LINK_SK)).consistentRead(true)
                .build())).item();
        return Items.optionalS(item, "leadId").map(LeadId::new);
    }

    @Override
    public void link(VisitorLink link, Instant expiresAt) {
        Map<String, AttributeValue> item = new HashMap<>(Items.key(Keys.visitor(link.visitorId()), Keys.VISITOR_LINK_SK));
        item.put("leadId", Items.s(link.leadId().value()));
        item.put("linkId", Items.s(link.linkId()));
        item.put("linkedAt", Items.n(link.linkedAt().toEpochMilli()));
        item.put(TableDefinition.TTL, Items.n(expiresAt.getEpochSecond()));
        try {
            DynamoCalls.run("link visitor", () -> dynamo.putItem(PutItemRequest.builder().tableName(table).item(item)
                    .conditionExpression("attribute_not_exists(pk) OR linkedAt <= :at")
                    .expressionAttributeValues(Map.of(":at", Items.n(link.linkedAt().toEpochMilli())))
                    .build()));
        } catch (ConditionalCheckFailedException newerLink) {
            // the visitor identified itself again later: that link stays
        }
    }

    @Override
    public void record(VisitorActivity activity, Instant expiresAt) {
        Map<String, AttributeValue> item = new HashMap<>(Items.key(Keys.visitor(activity.visitorId()),
                Keys.activity(activity.occurredAt(), activity.activityId())));
        item.put("activityId", Items.s(activity.activityId()));
        item.put("type", Items.s(activity.type()));
        item.put("occurredAt", Items.s(activity.occurredAt().toString()));
        if (!activity.attributes().isEmpty()) {
            item.put("attributes", Items.stringMap(activity.attributes()));
        }
        item.put(TableDefinition.TTL, Items.n(expiresAt.getEpochSecond()));
        try {
            DynamoCalls.run("record visitor activity", () -> dynamo.putItem(PutItemRequest.builder().tableName(table)
                    .item(item).conditionExpression("attribute_not_exists(pk)").build()));
        } catch (ConditionalCheckFailedException duplicate) {
            // already recorded: at-least-once delivery
        }
    }

    @Override
    public List<VisitorActivity> activities(String visitorId, int limit) {
        var items = DynamoCalls.run("query visitor activity", () -> dynamo.query(QueryRequest.builder().tableName(table)
                .keyConditionExpression("pk = :pk AND begins_with(sk, :act)")
                .expressionAttributeValues(Map.of(":pk", Items.s(Keys.visitor(visitorId)),
                        ":act", Items.s(Keys.ACTIVITY_PREFIX)))
                .scanIndexForward(true).consistentRead(true).limit(limit).build())).items();
        return items.stream().map(item -> VisitorActivity.of(item.get("activityId").s(), visitorId, item.get("type").s(),
                Instant.parse(item.get("occurredAt").s()), Items.toStringMap(item.get("attributes")))).toList();
    }

    @Override
    public void forget(VisitorActivity activity) {
        DynamoCalls.run("forget visitor activity", () -> dynamo.deleteItem(DeleteItemRequest.builder().tableName(table)
                .key(Items.key(Keys.visitor(activity.visitorId()), Keys.activity(activity.occurredAt(), activity.activityId())))
                .build()));
    }
}
