package dev.lem.journey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lem.lead.LeadState;
import dev.lem.messaging.Channel;
import dev.lem.messaging.MessageCategory;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JourneyParserTest {

    private final JourneyParser parser = JourneyParser.create();

    static final String EVERY_STEP = """
            {"schemaVersion":1,"id":"every-step","version":3,"name":"Every step",
             "entry":{"event":{"source":["lem"],"detail-type":["lead.scored"]},
                      "conditions":[{"field":"score","gte":50},{"field":"source","in":["google","newsletter"]}]},
             "reEntry":{"policy":"after","days":30},
             "goal":{"event":{"source":["lem"],"detail-type":["lead.state-changed"],"detail":{"to":["customer"]}}},
             "steps":[
               {"id":"hello","type":"send","channel":"sms","category":"transactional","template":"hello","data":{"a":"b"}},
               {"id":"later","type":"wait","duration":"P1DT2H"},
               {"id":"office","type":"wait","window":{"from":"09:00","to":"17:30","days":["mon","fri"],
                 "timeZone":"Europe/Berlin","timeZoneField":"profile.tz"}},
               {"id":"click","type":"wait","event":{"detail-type":["lead.scored"]},"timeout":"PT6H","onTimeout":"bye"},
               {"id":"ab","type":"branch","split":{"variants":[{"name":"a","percent":45,"goto":"promote"},
                 {"name":"b","percent":45,"goto":"sales"}],"holdoutPercent":10}},
               {"id":"rules","type":"branch","rules":[{"when":[{"field":"tags","contains":"vip"}],"goto":"sales"}],
                "otherwise":"bye"},
               {"id":"promote","type":"update","state":"mql","points":15,"tags":["nurtured"]},
               {"id":"sales","type":"handToSales","assignment":"territory","territoryField":"profile.country",
                "owners":[{"id":"ann","territories":["DE"]},{"id":"bob","away":true}]},
               {"id":"nps","type":"survey","template":"nps","question":"Recommend us?","timeout":"P7D"},
               {"id":"bye","type":"exit"}]}""";

    @Test
    void parse_whenEveryStepType_readsEveryProperty() {
        Journey journey = parser.parse(EVERY_STEP);

        assertThat(journey.key()).isEqualTo("every-step@3");
        assertThat(journey.entryConditions()).extracting(Condition::field).containsExactly("score", "source");
        assertThat(journey.reEntry()).isEqualTo(new ReEntry(ReEntry.Policy.AFTER, Optional.of(Duration.ofDays(30))));
        assertThat(journey.goalPattern()).isPresent();
        assertThat(journey.steps()).hasSize(10);
        assertThat(journey.step(1)).isEqualTo(new Step.Send("hello", Optional.empty(), Channel.SMS,
                MessageCategory.TRANSACTIONAL, "hello", java.util.Map.of("a", "b")));
        assertThat(((Step.Wait) journey.step(2)).duration()).contains(Duration.ofHours(26));
        Step.Window window = ((Step.Wait) journey.step(3)).window().orElseThrow();
        assertThat(window.from()).isEqualTo(LocalTime.of(9, 0));
        assertThat(window.days()).containsExactlyInAnyOrder(DayOfWeek.MONDAY, DayOfWeek.FRIDAY);
        assertThat(window.timeZoneField()).contains("tz");
        Step.Wait click = (Step.Wait) journey.step(4);
        assertThat(click.timeout()).contains(Duration.ofHours(6));
        assertThat(click.onTimeout()).contains("bye");
        Step.Split split = ((Step.Branch) journey.step(5)).split().orElseThrow();
        assertThat(split.holdoutPercent()).isEqualTo(10.0);
        assertThat(split.variants()).extracting(Step.Variant::target).containsExactly("promote", "sales");
        assertThat(journey.step(7)).isEqualTo(new Step.Update("promote", Optional.empty(), Optional.of(LeadState.MQL), 15,
                java.util.List.of("nurtured")));
        Step.HandToSales sales = (Step.HandToSales) journey.step(8);
        assertThat(sales.assignment()).isEqualTo(Step.Assignment.TERRITORY);
        assertThat(sales.template()).isEqualTo("sales-task");
        assertThat(sales.owners()).extracting(Step.Owner::away).containsExactly(false, true);
        assertThat(((Step.Survey) journey.step(9)).timeout()).isEqualTo(Duration.ofDays(7));
        assertThat(journey.step(10)).isInstanceOf(Step.Exit.class);
    }

    @Test
    void parse_whenTheShippedWelcomeJourney_isValid() {
        Journey welcome = parser.parse(BuiltInJourneys.document("welcome"));

        assertThat(welcome.key()).isEqualTo("welcome@1");
        assertThat(welcome.reEntry()).isEqualTo(ReEntry.NEVER);
        assertThat(BuiltInJourneys.load(parser).current()).containsExactly(welcome);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "unknown step type    | \"type\":\"exit\"                 | \"type\":\"teleport\"                | /steps/9/type",
            "missing template     | \"template\":\"hello\",            | ''                                  | template",
            "bad id               | \"id\":\"every-step\"              | \"id\":\"Every Step!\"               | /id",
            "unknown property     | \"name\":\"Every step\"            | \"nmae\":\"Every step\"              | nmae",
            "re-entry without days| \"policy\":\"after\",\"days\":30   | \"policy\":\"after\"                 | days",
            "source not lem       | \"source\":[\"lem\"],\"detail-type\":[\"lead.scored\"]} | \"source\":[\"aws.s3\"],\"detail-type\":[\"lead.scored\"]} | /entry/event/source",
            "bad duration         | P1DT2H                           | two days                            | /steps/1/duration",
            "bad condition field  | \"field\":\"score\"                | \"field\":\"password\"               | /entry/conditions/0/field",
            "bad owner            | {\"id\":\"bob\",\"away\":true}      | {\"id\":\"bob\",\"away\":\"yes\"}     | away"})
    void parse_whenTheSchemaIsBroken_namesTheProblem(String name, String from, String to, String problem) {
        String broken = EVERY_STEP.replace(from, to);
        assertThat(broken).as("fixture edit").isNotEqualTo(EVERY_STEP);

        assertThatThrownBy(() -> parser.parse(broken)).isInstanceOf(InvalidJourneyException.class)
                .satisfies(e -> assertThat(String.join("\\n", ((InvalidJourneyException) e).problems())).contains(problem));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "duplicate step id   | \"id\":\"later\"          | \"id\":\"hello\"         | step id hello is used twice",
            "unknown goto        | \"goto\":\"promote\"      | \"goto\":\"nowhere\"     | step ab goes to nowhere, which is not a step",
            "unknown onTimeout   | \"onTimeout\":\"bye\"     | \"onTimeout\":\"gone\"   | step click goes to gone",
            "split over 100      | \"holdoutPercent\":10     | \"holdoutPercent\":20    | add up to 110.0%",
            "unknown time zone   | Europe/Berlin             | Mars/Olympus           | unknown time zone Mars/Olympus",
            "empty window        | \"to\":\"17:30\"          | \"to\":\"09:00\"         | window from and to must differ",
            "zero wait           | P1DT2H                    | PT0S                   | must be more than 0",
            "bad pattern         | \"detail\":{\"to\":[\"customer\"]} | \"detail\":{\"to\":[{\"numeric\":[\"<\"]}]} | goal.event is not a valid event pattern"})
    void parse_whenTheJourneyBreaksARuleTheSchemaCannotSay_namesTheProblem(String name, String from, String to, String problem) {
        String broken = EVERY_STEP.replace(from, to);
        assertThat(broken).as("fixture edit").isNotEqualTo(EVERY_STEP);

        assertThatThrownBy(() -> parser.parse(broken)).isInstanceOf(InvalidJourneyException.class).hasMessageContaining(problem);
    }

    @Test
    void parse_whenNotJsonOrTooLargeOrNotAnObject_refusesWithTheReason() {
        assertThatThrownBy(() -> parser.parse("{")).isInstanceOf(InvalidJourneyException.class).hasMessageContaining("not JSON");
        assertThatThrownBy(() -> parser.parse("[]")).isInstanceOf(InvalidJourneyException.class)
                .hasMessageContaining("must be a JSON object");
        assertThatThrownBy(() -> parser.parse("{\"x\":\"" + "y".repeat(300 * 1024) + "\"}"))
                .isInstanceOf(InvalidJourneyException.class).hasMessageContaining("256 KiB");
    }
}
