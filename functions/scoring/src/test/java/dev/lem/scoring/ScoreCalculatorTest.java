package dev.lem.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.lem.lead.Activity;
import dev.lem.lead.Contribution;
import dev.lem.lead.EmailAddress;
import dev.lem.lead.Lead;
import dev.lem.lead.LeadId;
import dev.lem.lead.LeadState;
import dev.lem.scoring.rules.ScoreModel;
import dev.lem.scoring.rules.ScoreModels;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ScoreCalculatorTest {

    private static final LeadId ID = new LeadId("0b7e6a52-3c2d-4f8e-9a1b-5d6c7e8f9a0b");
    private static final Instant T0 = Instant.parse("2026-11-01T00:00:00Z");

    private static ScoreModels models(String fit, String engagement) {
        return ScoreModels.parse("""
                { "models": [ { "name": "m", "version": "m-1", "primary": true, "thresholds": { "mql": 100 },
                  "fit": [ %s ], "engagement": [ %s ] } ] }""".formatted(fit, engagement), "test");
    }

    private static ScoreEvaluation evaluate(ScoreModels models, Lead lead, List<Activity> log) {
        ScoreModel model = models.primary();
        return ScoreCalculator.withDefaults(models).evaluate(model, lead, log);
    }

    private static Lead lead(String email, Map<String, String> profile) {
        return new Lead(ID, "hash", email == null ? null : new EmailAddress(email), profile, LeadState.LEAD, T0, 0,
                Map.of(), T0, T0, 1);
    }

    private static Activity act(String id, String type, Instant at, Map<String, String> attributes) {
        return new Activity(id, ID, type, at, attributes);
    }

    @ParameterizedTest(name = "{0}={1} → {3}")
    @CsvSource(delimiter = '|', textBlock = """
            jobTitle     | VP of Marketing    | "contains": ["vp", "director"]           | 10
            jobTitle     | Engineer           | "contains": ["vp", "director"]           | 0
            country      | de                 | "in": ["DE", "AT"]                       | 10
            country      | Germany            | "in": ["DE", "AT"]                       | 0
            companySize  | 250                | "between": { "min": 50, "max": 500 }     | 10
            companySize  | 50                 | "between": { "min": 50, "max": 500 }     | 10
            companySize  | 501                | "between": { "min": 50, "max": 500 }     | 0
            companySize  | fifty              | "between": { "min": 50, "max": 500 }     | 0
            companySize  | 1,200              | "between": { "min": 1000, "max": 5000 }  | 10
            """)
    void evaluate_whenAFitRuleMatchesAProfileField_awardsItsPoints(String field, String value, String condition, int points) {
        ScoreModels models = models("{ \"id\": \"f\", \"field\": \"" + field + "\", " + condition + ", \"points\": 10 }", "");

        assertThat(evaluate(models, lead("ann@acme.example", Map.of(field, value)), List.of()).scoreAt(T0)).isEqualTo(points);
    }

    @Test
    void evaluate_whenEmailIsFreeMailOrACompetitors_takesPointsAway() {
        ScoreModels models = models("""
                { "id": "free-mail", "field": "emailDomain", "freeMail": true, "points": -10 },
                { "id": "competitor", "field": "emailDomain", "in": ["rival.example"], "points": -100 }""", "");

        assertThat(evaluate(models, lead("ann@gmail.com", Map.of()), List.of()).scoreAt(T0)).isEqualTo(-10);
        assertThat(evaluate(models, lead("bob@rival.example", Map.of()), List.of()).scoreAt(T0)).isEqualTo(-100);
        assertThat(evaluate(models, lead("cy@acme.example", Map.of()), List.of()).scoreAt(T0)).isZero();
        assertThat(evaluate(models, lead(null, Map.of()), List.of()).scoreAt(T0)).isZero();
    }

    @Test
    void evaluate_whenPageRulesMatchByGlob_awardsPricingAndOtherPagesApart() {
        ScoreModels models = models("", """
                { "id": "pricing", "activity": "page.view", "page": "*/pricing*", "points": 25 },
                { "id": "any-page", "activity": "page.view", "points": 2 }""");
        List<Activity> log = List.of(
                act("a1", "page.view", T0, Map.of("page", "acme.example/Pricing/enterprise")),
                act("a2", "page.view", T0, Map.of("page", "acme.example/blog")),
                act("a3", "email.click", T0, Map.of("url", "acme.example/pricing")));

        ScoreEvaluation evaluation = evaluate(models, lead("a@acme.example", Map.of()), log);

        assertThat(evaluation.scoreAt(T0)).isEqualTo(25 + 2 + 2);
        assertThat(evaluation.topAt(T0)).containsExactly(new Contribution("pricing", 25), new Contribution("any-page", 4));
    }

    @Test
    void evaluate_whenTimeOnPageHasAMinimum_countsOnlyLongEnoughVisits() {
        ScoreModels models = models("", """
                { "id": "long-read", "activity": "page.time-on-page", "minSeconds": 60, "points": 5 }""");
        List<Activity> log = List.of(
                act("a1", "page.time-on-page", T0, Map.of("seconds", "59")),
                act("a2", "page.time-on-page", T0, Map.of("seconds", "60")),
                act("a3", "page.time-on-page", T0, Map.of("seconds", "many")),
                act("a4", "page.time-on-page", T0, Map.of()));

        assertThat(evaluate(models, lead("a@acme.example", Map.of()), log).scoreAt(T0)).isEqualTo(5);
    }

    @Test
    void evaluate_whenARuleCountsOnce_awardsOnlyTheFirstMatch() {
        ScoreModels models = models("", """
                { "id": "unsubscribe", "activity": "email.unsubscribe", "points": -30, "once": true }""");
        List<Activity> log = List.of(act("a1", "email.unsubscribe", T0, Map.of()),
                act("a2", "email.unsubscribe", T0.plusSeconds(60), Map.of()));

        assertThat(evaluate(models, lead("a@acme.example", Map.of()), log).scoreAt(T0.plusSeconds(60))).isEqualTo(-30);
    }

    @Test
    void evaluate_whenARuleHasACapPerPeriod_awardsAtMostTheCapWithinAnyWindow() {
        ScoreModels models = models("", """
                { "id": "open", "activity": "email.open", "points": 3, "cap": { "max": 2, "per": "P7D" } }""");
        Duration day = Duration.ofDays(1);
        List<Activity> log = List.of(
                act("a1", "email.open", T0, Map.of()),
                act("a2", "email.open", T0.plus(day), Map.of()),
                act("a3", "email.open", T0.plus(day.multipliedBy(2)), Map.of()),   // third within 7 days: capped
                act("a4", "email.open", T0.plus(day.multipliedBy(7)), Map.of()),   // a1 left the window: counts
                act("a5", "email.open", T0.plus(day.multipliedBy(8)), Map.of()));  // a2 left too: counts

        assertThat(evaluate(models, lead("a@acme.example", Map.of()), log).scoreAt(T0.plus(day.multipliedBy(9))))
                .isEqualTo(4 * 3);
    }

    @Test
    void evaluate_whenActivitiesArriveInAnyOrder_givesTheSameScore() {
        ScoreModels models = ScoreModels.defaults();
        List<Activity> log = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            String type = List.of("email.open", "email.click", "page.view", "form.submitted").get(i % 4);
            log.add(act("a" + i, type, T0.plus(Duration.ofHours(i * 7L)), Map.of("page", "acme.example/pricing")));
        }
        Instant at = T0.plus(Duration.ofDays(14));
        Lead lead = lead("a@acme.example", Map.of("jobTitle", "Director"));
        int inOrder = evaluate(models, lead, log).scoreAt(at);
        List<Activity> shuffled = new ArrayList<>(log);
        Collections.shuffle(shuffled, new Random(7));

        assertThat(evaluate(models, lead, shuffled).scoreAt(at)).isEqualTo(inOrder);
        assertThat(evaluate(models, lead, shuffled).topAt(at)).isEqualTo(evaluate(models, lead, log).topAt(at));
    }

    @Test
    void scoreAt_whenPointsDecay_halvesThemPerHalfLifeAndKeepsFitPoints() {
        ScoreModels models = models("""
                { "id": "title", "field": "jobTitle", "contains": ["vp"], "points": 20 }""", """
                { "id": "form", "activity": "form.submitted", "points": 80, "halfLife": "P10D" }""");
        ScoreEvaluation evaluation = evaluate(models, lead("a@acme.example", Map.of("jobTitle", "VP Sales")),
                List.of(act("a1", "form.submitted", T0, Map.of())));

        assertThat(evaluation.exactAt(T0)).isEqualTo(100.0);
        assertThat(evaluation.exactAt(T0.plus(Duration.ofDays(10)))).isCloseTo(60.0, within(1e-9));
        assertThat(evaluation.exactAt(T0.plus(Duration.ofDays(20)))).isCloseTo(40.0, within(1e-9));
        assertThat(evaluation.exactAt(T0.plus(Duration.ofDays(5)))).isCloseTo(20 + 80 / Math.sqrt(2), within(1e-9));
        assertThat(evaluation.exactAt(T0.minus(Duration.ofDays(1)))).isEqualTo(100.0); // never more than awarded
        assertThat(evaluation.scoreAt(T0.plus(Duration.ofDays(5)))).isEqualTo(77); // 76.57 rounds to 77
    }

    @Test
    void firstBelow_whenScoreDecays_findsTheSecondItDropsUnderTheThreshold() {
        ScoreModels models = models("", """
                { "id": "form", "activity": "form.submitted", "points": 120, "halfLife": "P10D" }""");
        ScoreEvaluation evaluation = evaluate(models, lead("a@acme.example", Map.of()),
                List.of(act("a1", "form.submitted", T0, Map.of())));

        Instant crossing = evaluation.firstBelow(100, T0).orElseThrow();

        // the rounded score is below 100 once 120 × 2^(−t/10d) < 99.5  ⇔  t > 10d × log2(120/99.5)
        long expected = (long) Math.ceil(Duration.ofDays(10).toSeconds() * Math.log(120 / 99.5) / Math.log(2));
        assertThat(Duration.between(T0, crossing).toSeconds()).isBetween(expected - 1, expected + 1);
        assertThat(evaluation.scoreAt(crossing)).isLessThan(100);
        assertThat(evaluation.scoreAt(crossing.minusSeconds(1))).isGreaterThanOrEqualTo(100);
    }

    @Test
    void firstBelow_whenNothingDecaysOrAlreadyBelow_isEmpty() {
        ScoreModels fitOnly = models("""
                { "id": "title", "field": "jobTitle", "contains": ["vp"], "points": 120 }""", "");
        ScoreModels decaying = models("", """
                { "id": "form", "activity": "form.submitted", "points": 50, "halfLife": "P10D" }""");
        Lead vp = lead("a@acme.example", Map.of("jobTitle", "VP"));

        assertThat(evaluate(fitOnly, vp, List.of()).firstBelow(100, T0)).isEmpty();
        assertThat(evaluate(decaying, vp, List.of(act("a1", "form.submitted", T0, Map.of()))).firstBelow(100, T0)).isEmpty();
    }

    @Test
    void firstBelow_whenFitPointsHoldPartOfTheScore_crossesWhenTheDecayingPartIsSmallEnough() {
        ScoreModels models = models("""
                { "id": "title", "field": "jobTitle", "contains": ["vp"], "points": 60 }""", """
                { "id": "form", "activity": "form.submitted", "points": 80, "halfLife": "P7D" }""");
        ScoreEvaluation evaluation = evaluate(models, lead("a@acme.example", Map.of("jobTitle", "VP")),
                List.of(act("a1", "form.submitted", T0, Map.of())));

        Instant crossing = evaluation.firstBelow(100, T0).orElseThrow();

        // 60 + 80 × 2^(−t/7d) < 99.5  ⇔  t > 7d × log2(80/39.5), a little more than one half-life
        long expected = (long) Math.ceil(Duration.ofDays(7).toSeconds() * Math.log(80 / 39.5) / Math.log(2));
        assertThat(Duration.between(T0, crossing).toSeconds()).isBetween(expected - 1, expected + 1);
        assertThat(Duration.between(T0, crossing)).isGreaterThan(Duration.ofDays(7));
    }

    @Test
    void firstBelow_whenANegativeRuleDecaysToo_walksForwardToTheFirstDrop() {
        ScoreModels models = models("", """
                { "id": "form", "activity": "form.submitted", "points": 150, "halfLife": "P10D" },
                { "id": "bounce", "activity": "email.bounce", "points": -40, "halfLife": "P30D" }""");
        ScoreEvaluation evaluation = evaluate(models, lead("a@acme.example", Map.of()), List.of(
                act("a1", "form.submitted", T0, Map.of()), act("a2", "email.bounce", T0, Map.of())));

        Instant crossing = evaluation.firstBelow(100, T0).orElseThrow();

        assertThat(evaluation.scoreAt(crossing)).isLessThan(100);
        assertThat(evaluation.scoreAt(crossing.minusSeconds(1))).isGreaterThanOrEqualTo(100);
        assertThat(Duration.between(T0, crossing)).isBetween(Duration.ofDays(1), Duration.ofDays(20));
    }
}
