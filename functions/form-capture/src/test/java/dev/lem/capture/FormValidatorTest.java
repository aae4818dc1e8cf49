package dev.lem.capture;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lem.capture.FormValidator.Result;
import dev.lem.capture.FormValidator.ValidSubmission;
import dev.lem.forms.FieldDefinition;
import dev.lem.forms.FieldType;
import dev.lem.forms.FormDefinition;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FormValidatorTest {

    private static final FormDefinition FORM = form(
            FieldDefinition.of("email", "Work email", FieldType.EMAIL, true),
            new FieldDefinition("name", "Name", FieldType.TEXT, false, 10, null),
            FieldDefinition.of("company", "Company", FieldType.TEXT, true),
            FieldDefinition.of("phone", "Phone", FieldType.PHONE, false),
            FieldDefinition.of("website", "Website", FieldType.URL, false),
            FieldDefinition.of("demo", "Book a demo", FieldType.CHECKBOX, false),
            FieldDefinition.consent("consent_email", "Email me news", "email"),
            FieldDefinition.consent("consent_sms", "Text me", "sms"));

    @Test
    void validate_whenAllFieldsValid_returnsEmailProfileAndConsents() {
        Result result = FormValidator.validate(FORM, Map.of("email", " Ada.Lovelace@Example.COM ", "name", "Ada",
                "company", " Analytical Engines ", "phone", "+44 20 7946 0958", "website", "https://ada.example/about",
                "demo", "on", "consent_email", "on"));

        assertThat(result.errors()).isEmpty();
        ValidSubmission valid = result.valid().orElseThrow();
        assertThat(valid.email().value()).isEqualTo("ada.lovelace@example.com");
        assertThat(valid.profile()).containsExactlyInAnyOrderEntriesOf(Map.of("name", "Ada", "company", "Analytical Engines",
                "phone", "+44 20 7946 0958", "website", "https://ada.example/about", "demo", "true"));
        assertThat(valid.consents()).containsExactlyInAnyOrderEntriesOf(Map.of("email", true, "sms", false));
    }

    @Test
    void validate_whenFieldsNotOnTheForm_ignoresThem() {
        ValidSubmission valid = valid(Map.of("email", "a@example.com", "company", "C", "state", "customer", "score", "999"));

        assertThat(valid.profile()).containsOnlyKeys("company");
    }

    @Test
    void validate_whenOptionalFieldsBlank_leavesThemOutOfTheProfile() {
        ValidSubmission valid = valid(Map.of("email", "a@example.com", "company", "C", "name", "   ", "phone", ""));

        assertThat(valid.profile()).containsOnlyKeys("company");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "\t\n"})
    void validate_whenRequiredFieldBlank_reportsItIsRequired(String blank) {
        Result result = FormValidator.validate(FORM, Map.of("email", "a@example.com", "company", blank));

        assertThat(result.valid()).isEmpty();
        assertThat(result.errors()).containsExactly(Map.entry("company", "Company is required"));
    }

    @Test
    void validate_whenEveryFieldIsWrong_reportsEachFieldsErrorAtOnce() {
        Result result = FormValidator.validate(FORM, Map.of("email", "not-an-email", "name", "N".repeat(11),
                "phone", "call me", "website", "ftp://files.example", "demo", "maybe", "consent_sms", "2"));

        assertThat(result.valid()).isEmpty();
        assertThat(result.errors()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "email", "Work email is not a valid email address",
                "name", "Name must be at most 10 characters",
                "company", "Company is required",
                "phone", "Phone is not a valid phone number",
                "website", "Website must be an http(s) URL",
                "demo", "Book a demo must be checked or unchecked",
                "consent_sms", "Text me must be checked or unchecked"));
    }

    @Test
    void validate_whenErrorsReported_listsThemInTheFormsFieldOrder() {
        Result result = FormValidator.validate(FORM, Map.of("phone", "x", "email", "x"));

        assertThat(result.errors().keySet()).containsExactly("email", "company", "phone");
    }

    @Test
    void validate_whenValueAtMaxLengthInCodePoints_acceptsItThoughItHasMoreChars() {
        String tenEmoji = "😀".repeat(10);
        assertThat(tenEmoji.length()).isEqualTo(20);

        assertThat(valid(Map.of("email", "a@example.com", "company", "C", "name", tenEmoji)).profile())
                .containsEntry("name", tenEmoji);
    }

    @Test
    void validate_whenValueOverMaxLengthInCodePoints_reportsTheLimit() {
        Result result = FormValidator.validate(FORM, Map.of("email", "a@example.com", "company", "C", "name", "😀".repeat(11)));

        assertThat(result.errors()).containsExactly(Map.entry("name", "Name must be at most 10 characters"));
    }

    @Test
    void validate_whenFieldHasNoExplicitMaxLength_allows256() {
        assertThat(valid(Map.of("email", "a@example.com", "company", "c".repeat(256))).profile()).containsKey("company");
        assertThat(FormValidator.validate(FORM, Map.of("email", "a@example.com", "company", "c".repeat(257))).errors())
                .containsEntry("company", "Company must be at most 256 characters");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Ada\u0000Lovelace", "Ada\nLovelace", "Ada\rLovelace", "Ada\u0007", "Ada\u202Eecalevol",
            "Ada\u200BLovelace", "Ada\u007FLovelace"})
    void validate_whenValueContainsControlOrFormatCharacters_refusesIt(String value) {
        Result result = FormValidator.validate(FORM, Map.of("email", "a@example.com", "company", value));

        assertThat(result.errors()).containsExactly(Map.entry("company", "Company contains control characters"));
    }

    @Test
    void validate_whenValueContainsTab_acceptsIt() {
        assertThat(valid(Map.of("email", "a@example.com", "company", "Ada\tLovelace")).profile())
                .containsEntry("company", "Ada\tLovelace");
    }

    @Test
    void validate_whenValuesDecomposed_normalisesThemToNfc() {
        String decomposed = "Jose\u0301";
        ValidSubmission valid = valid(Map.of("email", "jose\u0301@example.com", "company", decomposed));

        assertThat(valid.profile().get("company")).isEqualTo("José").hasSize(4);
        assertThat(valid.email().value()).isEqualTo("josé@example.com");
    }

    @Test
    void validate_whenNfcNormalisationShortensTheValue_checksLengthAfterIt() {
        String tenDecomposed = "e\u0301".repeat(10);

        assertThat(valid(Map.of("email", "a@example.com", "company", "C", "name", tenDecomposed)).profile().get("name"))
                .isEqualTo("é".repeat(10));
    }

    @Test
    void validate_whenEmailHasInternationalDomain_normalisesToPunycodeLowerCase() {
        assertThat(valid(Map.of("email", "Ada@BÜCHER.Example", "company", "C")).email().value())
                .isEqualTo("ada@xn--bcher-kva.example");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ada", "ada@", "@example.com", "ada@localhost", "ada@exa mple.com", "ada lovelace@example.com",
            "ada@example.123", "ada@-example.com", "ada..lovelace@example.com"})
    void validate_whenEmailInvalid_reportsIt(String email) {
        assertThat(FormValidator.validate(FORM, Map.of("email", email, "company", "C")).errors())
                .containsExactly(Map.entry("email", "Work email is not a valid email address"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"+44 20 7946 0958", "020 7946-0958", "020.7946.0958", "+1-202-555-0143", "123456"})
    void validate_whenPhonePlausible_keepsItAsTyped(String phone) {
        assertThat(valid(Map.of("email", "a@example.com", "company", "C", "phone", phone)).profile())
                .containsEntry("phone", phone);
    }

    @ParameterizedTest
    @ValueSource(strings = {"12345", "call me", "+44 20 7946 0958 ext 2", "++4420794609", "-2079460958", "111111111111111111111111111"})
    void validate_whenPhoneImplausible_reportsIt(String phone) {
        assertThat(FormValidator.validate(FORM, Map.of("email", "a@example.com", "company", "C", "phone", phone)).errors())
                .containsExactly(Map.entry("phone", "Phone is not a valid phone number"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://example.com", "http://example.com/path?q=1#top", "https://sub.example.co.uk:8443/x"})
    void validate_whenUrlIsHttpWithHost_keepsIt(String url) {
        assertThat(valid(Map.of("email", "a@example.com", "company", "C", "website", url)).profile())
                .containsEntry("website", url);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ftp://example.com", "javascript:alert(1)", "example.com", "https://", "https:///path",
            "http://exa mple.com", "data:text/html,<script>alert(1)</script>"})
    void validate_whenUrlNotHttpWithHost_reportsIt(String url) {
        assertThat(FormValidator.validate(FORM, Map.of("email", "a@example.com", "company", "C", "website", url)).errors())
                .containsExactly(Map.entry("website", "Website must be an http(s) URL"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"on", "true", "1", "yes", "ON", "True", "Yes"})
    void validate_whenConsentBoxChecked_grantsConsentForItsChannel(String checked) {
        ValidSubmission valid = valid(Map.of("email", "a@example.com", "company", "C", "consent_sms", checked));

        assertThat(valid.consents()).containsEntry("sms", true).containsEntry("email", false);
        assertThat(valid.profile()).doesNotContainKeys("consent_sms", "consent_email");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "off", "false", "0", "no", "OFF"})
    void validate_whenConsentBoxUnchecked_recordsARefusalForItsChannel(String unchecked) {
        ValidSubmission valid = valid(Map.of("email", "a@example.com", "company", "C", "consent_email", unchecked));

        assertThat(valid.consents()).containsEntry("email", false);
    }

    @Test
    void validate_whenConsentBoxAbsent_recordsARefusal() {
        assertThat(valid(Map.of("email", "a@example.com", "company", "C")).consents())
                .containsExactlyInAnyOrderEntriesOf(Map.of("email", false, "sms", false));
    }

    @Test
    void validate_whenPlainCheckboxUnchecked_storesFalseInTheProfile() {
        assertThat(valid(Map.of("email", "a@example.com", "company", "C", "demo", "off")).profile())
                .containsEntry("demo", "false");
    }

    @Test
    void validate_whenEmailFieldOptionalButEmpty_reportsItBecauseALeadNeedsAnEmail() {
        FormDefinition form = form(FieldDefinition.of("email", "Email", FieldType.EMAIL, false),
                FieldDefinition.of("name", "Name", FieldType.TEXT, false));

        Result result = FormValidator.validate(form, Map.of("name", "Ada"));

        assertThat(result.valid()).isEmpty();
        assertThat(result.errors()).containsExactly(Map.entry("email", "Email is required"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "off", "false", "0", "no"})
    void validate_whenRequiredCheckboxUnchecked_reportsItIsRequired(String unchecked) {
        FormDefinition form = form(FieldDefinition.of("email", "Email", FieldType.EMAIL, true),
                FieldDefinition.of("terms", "I accept the terms", FieldType.CHECKBOX, true));

        Result result = FormValidator.validate(form, Map.of("email", "a@example.com", "terms", unchecked));

        assertThat(result.errors()).containsExactly(Map.entry("terms", "I accept the terms is required"));
    }

    @Test
    void validate_whenRequiredCheckboxChecked_acceptsIt() {
        FormDefinition form = form(FieldDefinition.of("email", "Email", FieldType.EMAIL, true),
                FieldDefinition.of("terms", "I accept the terms", FieldType.CHECKBOX, true));

        assertThat(FormValidator.validate(form, Map.of("email", "a@example.com", "terms", "on")).valid().orElseThrow()
                .profile()).containsEntry("terms", "true");
    }

    @Test
    void validate_whenFieldHasNoLabel_namesTheFieldInItsError() {
        FormDefinition form = form(new FieldDefinition("email", null, FieldType.EMAIL, true, 0, null),
                new FieldDefinition("company_name", " ", FieldType.TEXT, true, 0, null));

        assertThat(FormValidator.validate(form, new HashMap<>()).errors()).containsExactly(
                Map.entry("email", "email is required"), Map.entry("company_name", "company_name is required"));
    }

    private static ValidSubmission valid(Map<String, String> submitted) {
        Result result = FormValidator.validate(FORM, submitted);
        assertThat(result.errors()).isEmpty();
        return result.valid().orElseThrow();
    }

    private static FormDefinition form(FieldDefinition... fields) {
        return new FormDefinition("test", "Test form", List.of(fields), "consent-2026-01", null, List.of(), false, 1);
    }
}
