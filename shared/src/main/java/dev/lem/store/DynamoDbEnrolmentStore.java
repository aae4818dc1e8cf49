package dev.lem.store;

import dev.lem.journey.EnrolmentStore;
import dev.lem.lead.LeadId;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;

/** Enrolments as {@code LEAD#id/ENR#campaign}, written once, conditional on the trigger. */
public final class DynamoDbEnrolmentStore implements EnrolmentStore {

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoDbEnrolmentStore(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    @Override
    public boolean enrol(LeadId leadId, String campaignId, String triggerEventId, Instant at) {
        Map<String, AttributeValue> item = new HashMap<>(Items.key(Keys.lead(leadId), Keys.enrolment(campaignId)));
        item.put("campaignId", Items.s(campaignId));
        item.put("trigger", Items.s(triggerEventId));
        item.put("enrolledAt", Items.s(at.toString()));
        try {
            DynamoCalls.run("enrol", () -> dynamo.putItem(PutItemRequest.builder().tableName(table).item(item)
                    .conditionExpression("attribute_not_exists(pk) OR #t = :trigger")
                    .expressionAttributeNames(Map.of("#t", "trigger"))
                    .expressionAttributeValues(Map.of(":trigger", Items.s(triggerEventId)))
                    .build()));
            return true;
        } catch (ConditionalCheckFailedException enrolledByAnotherTrigger) {
            return false;
        }
    }
}
