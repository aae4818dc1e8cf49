package dev.lem.scoring.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ScoreModelsTest {

    private static final String ENGAGEMENT = """
            { "id": "email-open", "activity": "email.open", "points": 3, "halfLife": "P21D", "cap": { "max": 5, "per": "P7D" } }""";

    private static String document(String fit, String engagement) {
        return """
                { "models": [ { "name": "default", "version": "v-1", "primary": true, "thresholds": { "mql": 100 },
                  "fit": [ %s ], "engagement": [ %s ] } ] }""".formatted(fit, engagement);
    }

    @Test
    void defaults_whenLoaded_haveOnePrimaryModelAndASecondProductLineModel() {
        ScoreModels models = ScoreModels.defaults();

        assertThat(models.models()).extracting(ScoreModel::name).containsExactly("default", "product-analytics");
        assertThat(models.primary().name()).isEqualTo("default");
        assertThat(models.primary().mqlThreshold()).hasValue(100);
        assertThat(models.primary().version()).isEqualTo("default-3");
        assertThat(models.primary().engagement()).extracting(EngagementRule::id)
                .contains("pricing-page", "time-on-page", "email-open", "email-click", "form-fill", "unsubscribe", "bounce");
        assertThat(models.freeMailDomains()).contains("gmail.com", "web.de");
    }

    @Test
    void defaults_whenLoaded_scoreTheActivityTypesTheOtherFunctionsRecord() {
        // tracking (email.open/click, page.view), form capture, POST /activities (offline.*), preferences
        // (unsubscribed) and SES feedback (email.bounced): a renamed type must not silently score nothing
        assertThat(ScoreModels.defaults().primary().engagement()).extracting(EngagementRule::activity)
                .contains("form.submitted", "page.view", "page.time-on-page", "email.open", "email.click", "unsubscribed",
                        "email.bounced", "offline.showroom-visit", "offline.call");
    }

    @Test
    void parse_whenDocumentIsValid_readsRulesWithTheirFrequencyAndDecay() {
        ScoreModels models = ScoreModels.parse(document("""
                { "id": "size", "field": "companySize", "between": { "min": 50, "max": 500 }, "points": 15 }""", ENGAGEMENT), "test");

        EngagementRule open = models.primary().engagement().getFirst();
        assertThat(open.halfLifeDuration()).contains(Duration.ofDays(21));
        assertThat(open.capOf()).hasValueSatisfying(cap -> {
            assertThat(cap.max()).isEqualTo(5);
            assertThat(cap.period()).isEqualTo(Duration.ofDays(7));
        });
        assertThat(models.primary().fit().getFirst().points()).isEqualTo(15);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            points as a string            | { "id": "a", "field": "country", "in": ["DE"], "points": "10" }         | /models/0/fit/0/points
            zero points                   | { "id": "a", "field": "country", "in": ["DE"], "points": 0 }            | /models/0/fit/0/points
            unknown property              | { "id": "a", "field": "country", "in": ["DE"], "points": 1, "x": 1 }   | /models/0/fit/0
            upper-case rule id            | { "id": "A", "field": "country", "in": ["DE"], "points": 1 }            | /models/0/fit/0/id
            two conditions                | { "id": "a", "field": "country", "in": ["DE"], "contains": ["D"], "points": 1 } | /models/0/fit/0: needs exactly one of contains, in, between, freeMail (has 2)
            no condition                  | { "id": "a", "field": "country", "points": 1 }                          | /models/0/fit/0: needs exactly one of contains, in, between, freeMail (has 0)
            range upside down             | { "id": "a", "field": "size", "between": { "min": 9, "max": 1 }, "points": 1 } | /models/0/fit/0/between: min 9 is above max 1
            free mail on another field    | { "id": "a", "field": "country", "freeMail": true, "points": 1 }       | /models/0/fit/0/freeMail: applies to the field emailDomain only
            """)
    void parse_whenAFitRuleIsWrong_failsNamingWhere(String problem, String fitRule, String expected) {
        assertThatThrownBy(() -> ScoreModels.parse(document(fitRule, ENGAGEMENT), "rules.json"))
                .isInstanceOf(RulesDocumentException.class)
                .hasMessageStartingWith("score models rules.json are invalid: ")
                .hasMessageContaining(expected);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            once and cap                  | { "id": "e", "activity": "email.open", "points": 3, "once": true, "cap": { "max": 1, "per": "P1D" } } | /models/0/engagement/1: has both once and cap
            duplicate rule id             | { "id": "email-open", "activity": "email.click", "points": 3 }          | /models/0/engagement/1/id: rule id 'email-open' is used twice in model 'default'
            half-life not a duration      | { "id": "e", "activity": "email.open", "points": 3, "halfLife": "14 days" } | /models/0/engagement/1/halfLife
            half-life of zero             | { "id": "e", "activity": "email.open", "points": 3, "halfLife": "P0D" } | /models/0/engagement/1/halfLife: 'P0D' must be at least one second
            cap without period            | { "id": "e", "activity": "email.open", "points": 3, "cap": { "max": 2 } } | /models/0/engagement/1/cap
            missing activity              | { "id": "e", "points": 3 }                                                | /models/0/engagement/1
            """)
    void parse_whenAnEngagementRuleIsWrong_failsNamingWhere(String problem, String rule, String expected) {
        assertThatThrownBy(() -> ScoreModels.parse(document("", ENGAGEMENT + ", " + rule), "rules.json"))
                .isInstanceOf(RulesDocumentException.class)
                .hasMessageContaining(expected);
    }

    @Test
    void parse_whenNoModelIsPrimary_saysSo() {
        String json = document("", ENGAGEMENT).replace("\"primary\": true", "\"primary\": false");

        assertThatThrownBy(() -> ScoreModels.parse(json, "rules.json"))
                .hasMessageContaining("exactly one model must have \"primary\": true, found 0");
    }

    @Test
    void parse_whenTwoModelsShareAName_saysWhich() {
        String json = """
                { "models": [
                  { "name": "a", "version": "1", "primary": true, "fit": [], "engagement": [] },
                  { "name": "a", "version": "2", "fit": [], "engagement": [] } ] }""";

        assertThatThrownBy(() -> ScoreModels.parse(json, "rules.json"))
                .hasMessageContaining("/models/1/name: model name 'a' is used twice");
    }

    @Test
    void parse_whenNotJson_saysSoWithoutQuotingIt() {
        assertThatThrownBy(() -> ScoreModels.parse("{\"models\": [", "rules.json"))
                .isInstanceOf(RulesDocumentException.class)
                .hasMessage("score models rules.json are invalid: not valid JSON");
    }

    @Test
    void parse_whenNoModels_failsOnTheSchema() {
        assertThatThrownBy(() -> ScoreModels.parse("{\"models\": []}", "rules.json"))
                .hasMessageContaining("/models");
    }
}
