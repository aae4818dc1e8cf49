package dev.lem.store;

import dev.lem.forms.FormDefinition;
import dev.lem.forms.FormStore;
import dev.lem.json.Json;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;

/** Form definitions as JSON documents in {@code FORM#id/DEF}. */
public final class DynamoDbFormStore implements FormStore {

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoDbFormStore(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    @Override
    public Optional<FormDefinition> find(String formId) {
        Map<String, AttributeValue> item = DynamoCalls.run("get form", () -> dynamo.getItem(GetItemRequest.builder()
                .tableName(table).key(Items.key(Keys.form(formId), Keys.FORM_SK)).build())).item();
        return Items.optionalS(item, "definition").map(json -> Json.read(json, FormDefinition.class));
    }

    @Override
    public void save(FormDefinition form) {
        Map<String, AttributeValue> item = new HashMap<>(Items.key(Keys.form(form.id()), Keys.FORM_SK));
        item.put("definition", Items.s(Json.write(form)));
        item.put("version", Items.n(form.version()));
        DynamoCalls.run("put form", () -> dynamo.putItem(PutItemRequest.builder().tableName(table).item(item).build()));
    }
}
