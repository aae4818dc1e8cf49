package dev.lem.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SubmissionParserTest {

    // --- content type

    @ParameterizedTest
    @ValueSource(strings = {"application/x-www-form-urlencoded", "application/x-www-form-urlencoded; charset=UTF-8",
            "Application/X-WWW-Form-Urlencoded", "  application/x-www-form-urlencoded ;charset=utf-8"})
    void format_whenUrlEncodedInAnySpelling_isForm(String contentType) {
        assertThat(SubmissionParser.format(Optional.of(contentType))).contains(SubmissionFormat.FORM);
    }

    @ParameterizedTest
    @ValueSource(strings = {"application/json", "application/json; charset=utf-8", "APPLICATION/JSON"})
    void format_whenJsonInAnySpelling_isJson(String contentType) {
        assertThat(SubmissionParser.format(Optional.of(contentType))).contains(SubmissionFormat.JSON);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "text/plain", "multipart/form-data; boundary=x", "application/jsonp",
            "application/json-patch+json", "charset=utf-8; application/json"})
    void format_whenOtherMediaType_isEmpty(String contentType) {
        assertThat(SubmissionParser.format(Optional.of(contentType))).isEmpty();
    }

    @Test
    void format_whenNoContentType_isEmpty() {
        assertThat(SubmissionParser.format(Optional.empty())).isEmpty();
    }

    // --- application/x-www-form-urlencoded

    @Test
    void parse_whenUrlEncoded_decodesPlusAndPercentEscapesInNamesAndValues() {
        Map<String, String> fields = SubmissionParser.parse(SubmissionFormat.FORM,
                "email=ada%40example.com&name=Ada+Lovelace&company=Caf%C3%A9+%26+Co&full%20name=x%2By");

        assertThat(fields).containsExactly(
                Map.entry("email", "ada@example.com"),
                Map.entry("name", "Ada Lovelace"),
                Map.entry("company", "Café & Co"),
                Map.entry("full name", "x+y"));
    }

    @Test
    void parse_whenPairHasNoEqualsSignOrEmptyPairs_readsEmptyValueAndSkipsEmptyPairs() {
        assertThat(SubmissionParser.parse(SubmissionFormat.FORM, "&consent_email&&name=&x=a=b&"))
                .containsExactly(Map.entry("consent_email", ""), Map.entry("name", ""), Map.entry("x", "a=b"));
    }

    @Test
    void parse_whenUrlEncodedBodyEmpty_isNoFields() {
        assertThat(SubmissionParser.parse(SubmissionFormat.FORM, "")).isEmpty();
    }

    @Test
    void parse_whenFieldRepeated_throwsNamingTheField() {
        assertThatThrownBy(() -> SubmissionParser.parse(SubmissionFormat.FORM, "email=a%40b.com&name=x&email=c%40d.com"))
                .isInstanceOf(InvalidSubmissionException.class)
                .hasMessage("field email appears more than once");
    }

    @Test
    void parse_whenFieldRepeatedUnderAnotherEncoding_stillCountsAsRepeated() {
        assertThatThrownBy(() -> SubmissionParser.parse(SubmissionFormat.FORM, "e%6Dail=a&email=b"))
                .isInstanceOf(InvalidSubmissionException.class).hasMessageContaining("appears more than once");
    }

    @Test
    void parse_whenExactlyHundredFields_acceptsThem() {
        assertThat(SubmissionParser.parse(SubmissionFormat.FORM, fields(100))).hasSize(100);
    }

    @Test
    void parse_whenMoreThanHundredFields_throws() {
        assertThatThrownBy(() -> SubmissionParser.parse(SubmissionFormat.FORM, fields(101)))
                .isInstanceOf(InvalidSubmissionException.class).hasMessage("more than 100 fields");
    }

    @ParameterizedTest
    @ValueSource(strings = {"email=%E0%A4%A", "email=%", "email=%4", "email=%ZZ", "na%me=x", "email=a%g0"})
    void parse_whenPercentEncodingMalformed_throwsWithoutEchoingTheInput(String body) {
        assertThatThrownBy(() -> SubmissionParser.parse(SubmissionFormat.FORM, body))
                .isInstanceOf(InvalidSubmissionException.class)
                .hasMessage("body is not valid application/x-www-form-urlencoded");
    }

    // --- application/json

    @Test
    void parse_whenJsonObjectOfScalars_readsEveryScalarAsText() {
        Map<String, String> fields = SubmissionParser.parse(SubmissionFormat.JSON,
                "{\"email\":\"ada@example.com\",\"employees\":250,\"revenue\":1.50,\"consent_email\":true}");

        assertThat(fields).containsExactly(
                Map.entry("email", "ada@example.com"),
                Map.entry("employees", "250"),
                Map.entry("revenue", "1.50"),
                Map.entry("consent_email", "true"));
    }

    @Test
    void parse_whenJsonValueIsNull_skipsTheField() {
        assertThat(SubmissionParser.parse(SubmissionFormat.JSON, "{\"email\":\"a@b.com\",\"name\":null}"))
                .containsOnlyKeys("email");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"email\":\"a@b.com\",\"name\":{\"first\":\"Ada\"}}", "{\"email\":\"a@b.com\",\"name\":[\"Ada\"]}"})
    void parse_whenJsonValueIsObjectOrArray_throwsNamingTheField(String body) {
        assertThatThrownBy(() -> SubmissionParser.parse(SubmissionFormat.JSON, body))
                .isInstanceOf(InvalidSubmissionException.class)
                .hasMessage("field name must be a string, number or boolean");
    }

    @Test
    void parse_whenNestedFieldNameIsHostile_echoesOnlyAShortPrintableVersion() {
        String name = "<script>" + "x".repeat(100);

        assertThatThrownBy(() -> SubmissionParser.parse(SubmissionFormat.JSON, "{\"" + name + "\":{}}"))
                .isInstanceOf(InvalidSubmissionException.class)
                .hasMessageNotContaining("<")
                .hasMessageContaining("?script?xxx");
        assertThat(SubmissionParser.safeName(name)).hasSize(41).endsWith("…");
    }

    @ParameterizedTest
    @ValueSource(strings = {"[{\"email\":\"a@b.com\"}]", "\"email\"", "42", "null", "true"})
    void parse_whenJsonRootIsNotAnObject_throws(String body) {
        assertThatThrownBy(() -> SubmissionParser.parse(SubmissionFormat.JSON, body))
                .isInstanceOf(InvalidSubmissionException.class)
                .hasMessage("body must be a JSON object of field values");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"email\": ", "{email: 'a@b.com'}", "{\"a\":1} {\"b\":2}", "{\"a\":1,}"})
    void parse_whenJsonMalformed_throws(String body) {
        assertThatThrownBy(() -> SubmissionParser.parse(SubmissionFormat.JSON, body))
                .isInstanceOf(InvalidSubmissionException.class).hasMessage("body is not valid JSON");
    }

    @Test
    void parse_whenJsonRepeatsAKey_throwsInsteadOfKeepingOneValueSilently() {
        assertThatThrownBy(() -> SubmissionParser.parse(SubmissionFormat.JSON,
                "{\"email\":\"victim@example.com\",\"email\":\"attacker@example.com\"}"))
                .isInstanceOf(InvalidSubmissionException.class)
                .hasMessage("field email appears more than once");
    }

    @Test
    void parse_whenJsonHasMoreThanHundredFields_throws() {
        String body = IntStream.range(0, 101).mapToObj(i -> "\"f" + i + "\":\"v\"").collect(Collectors.joining(",", "{", "}"));

        assertThatThrownBy(() -> SubmissionParser.parse(SubmissionFormat.JSON, body))
                .isInstanceOf(InvalidSubmissionException.class).hasMessage("more than 100 fields");
    }

    private static String fields(int count) {
        return IntStream.range(0, count).mapToObj(i -> "f" + i + "=v").collect(Collectors.joining("&"));
    }
}
