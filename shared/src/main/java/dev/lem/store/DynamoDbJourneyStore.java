package dev.lem.store;

import dev.lem.journey.Journey;
import dev.lem.journey.JourneyParser;
import dev.lem.journey.JourneyStore;
import dev.lem.journey.JourneyVersionConflictException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * Journeys in the table: every version immutable at {@code JOURNEY#id / V#000001}, and the latest version of each
 * journey at {@code JOURNEYS / JOURNEY#id} (listing all journeys is one query). Documents are re-validated when
 * read, so nothing malformed reaches a router.
 */
public final class DynamoDbJourneyStore implements JourneyStore {

    private final DynamoDbClient dynamo;
    private final String table;
    private final JourneyParser parser;

    public DynamoDbJourneyStore(DynamoDbClient dynamo, String table, JourneyParser parser) {
        this.dynamo = dynamo;
        this.table = table;
        this.parser = parser;
    }

    @Override
    public Deployed deploy(Journey journey, String document) {
        Deployed result = Deployed.CREATED;
        Map<String, AttributeValue> version = new HashMap<>(Items.key(Keys.journey(journey.id()), Keys.journeyVersion(journey.version())));
        version.put("journeyId", Items.s(journey.id()));
        version.put("version", Items.n(journey.version()));
        version.put("document", Items.s(document));
        try {
            DynamoCalls.run("deploy journey version", () -> dynamo.putItem(r -> r.tableName(table).item(version)
                    .conditionExpression("attribute_not_exists(pk)")));
        } catch (ConditionalCheckFailedException exists) {
            Optional<String> stored = document(journey.id(), journey.version());
            if (stored.isPresent() && !parser.parse(stored.get()).equals(journey)) {
                throw new JourneyVersionConflictException("journey " + journey.key()
                        + " is already deployed with different content: deploy it as version " + (journey.version() + 1));
            }
            result = Deployed.UNCHANGED;
        }
        Map<String, AttributeValue> latest = new HashMap<>(Items.key(Keys.JOURNEYS_PK, Keys.journey(journey.id())));
        latest.put("journeyId", Items.s(journey.id()));
        latest.put("version", Items.n(journey.version()));
        latest.put("document", Items.s(document));
        try {
            DynamoCalls.run("deploy journey", () -> dynamo.putItem(r -> r.tableName(table).item(latest)
                    .conditionExpression("attribute_not_exists(pk) OR #v < :v")
                    .expressionAttributeNames(Map.of("#v", "version"))
                    .expressionAttributeValues(Map.of(":v", Items.n(journey.version())))));
        } catch (ConditionalCheckFailedException sameOrNewerIsLatest) {
            // the version is stored; a newer (or this) version stays the latest
        }
        return result;
    }

    @Override
    public List<Journey> current() {
        List<Journey> journeys = new java.util.ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> from = start;
            var page = DynamoCalls.run("list journeys", () -> dynamo.query(r -> r.tableName(table)
                    .keyConditionExpression("pk = :pk")
                    .expressionAttributeValues(Map.of(":pk", Items.s(Keys.JOURNEYS_PK)))
                    .exclusiveStartKey(from)));
            page.items().forEach(item -> journeys.add(parser.parse(item.get("document").s())));
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        return journeys;
    }

    @Override
    public Optional<Journey> find(String journeyId, int version) {
        return document(journeyId, version).map(parser::parse);
    }

    @Override
    public Optional<String> document(String journeyId, int version) {
        var response = DynamoCalls.run("get journey version", () -> dynamo.getItem(r -> r.tableName(table)
                .key(Items.key(Keys.journey(journeyId), Keys.journeyVersion(version)))));
        return response.hasItem() && !response.item().isEmpty()
                ? Optional.of(response.item().get("document").s()) : Optional.empty();
    }
}
