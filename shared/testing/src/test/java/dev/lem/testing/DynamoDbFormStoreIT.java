package dev.lem.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lem.forms.FieldDefinition;
import dev.lem.forms.FieldType;
import dev.lem.forms.FormDefinition;
import dev.lem.store.DynamoDbFormStore;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(AwsEnginesExtension.class)
class DynamoDbFormStoreIT {

    private final DynamoDbFormStore store;

    DynamoDbFormStoreIT(AwsEngines engines) {
        this.store = new DynamoDbFormStore(engines.dynamoDb(), engines.createTable());
    }

    @Test
    void find_whenDemoFormSaved_returnsAnEqualDefinition() {
        FormDefinition demo = FormDefinition.demo("https://example.com/thanks", List.of("https://example.com", "https://www.example.com"));

        store.save(demo);

        assertThat(store.find("demo")).contains(demo);
        FormDefinition found = store.find("demo").orElseThrow();
        assertThat(found.emailField().name()).isEqualTo("email");
        assertThat(found.field("consent_email").orElseThrow().consentChannel()).isEqualTo("email");
        assertThat(found.field("consent_email").orElseThrow().type()).isEqualTo(FieldType.CHECKBOX);
    }

    @Test
    void find_whenUnknownId_isEmpty() {
        assertThat(store.find("no-such-form")).isEmpty();
    }

    @Test
    void save_whenFormSavedAgain_replacesTheDefinition() {
        store.save(FormDefinition.demo("https://example.com/thanks", List.of()));
        FormDefinition v2 = new FormDefinition("demo", "Demo v2",
                List.of(FieldDefinition.of("work_email", "Work email", FieldType.EMAIL, true),
                        new FieldDefinition("website", "Website", FieldType.URL, false, 512, null)),
                "consent-email-2027-01", null, List.of("https://example.org"), true, 2);

        store.save(v2);

        assertThat(store.find("demo")).contains(v2);
    }
}
