package dev.lem.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lem.bus.EventPublishException;
import dev.lem.events.LeadScored;
import dev.lem.json.Json;
import dev.lem.json.MalformedJsonException;
import dev.lem.lead.Activity;
import dev.lem.lead.Lead;
import dev.lem.lead.LeadId;
import dev.lem.lead.LeadNotFoundException;
import dev.lem.lead.LeadState;
import dev.lem.lead.VisitorActivity;
import dev.lem.testing.fakes.InMemoryLeadStore;
import dev.lem.testing.fakes.InMemoryVisitorStore;
import dev.lem.visitor.VisitorLink;
import dev.lem.visitor.VisitorTimeline;
import dev.lem.testing.fakes.RecordingEventBus;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ScoringServiceTest {

    private static final LeadId LEAD = new LeadId("0b7e6a52-3c2d-4f8e-9a1b-5d6c7e8f9a0b");
    private static final String VID = "AAECAwQFBgcICQoLDA0ODw";
    private static final Instant NOW = Instant.parse("2026-11-23T10:20:00Z");

    private final InMemoryLeadStore leads = new InMemoryLeadStore();
    private final RecordingEventBus bus = new RecordingEventBus();
    private final InMemoryVisitorStore visitors = new InMemoryVisitorStore();
    private final ScoringService service = new ScoringService(leads, bus, ScoringRules.DEFAULT, new VisitorTimeline(visitors));

    @BeforeEach
    void seedLead() {
        Instant created = Instant.parse("2026-11-20T09:00:00Z");
        leads.put(new Lead(LEAD, "hash", null, Map.of(), LeadState.LEAD, created, 30, Map.of(), created, created, 4));
    }

    @ParameterizedTest
    @CsvSource({"form.submitted, 20", "email.open, 5", "email.click, 10", "page.view, 2"})
    void apply_whenActivityHasARule_addsItsPoints(String type, int points) {
        service.apply(activity("a-1", type));

        assertThat(leads.get(LEAD).score()).isEqualTo(30 + points);
    }

    @ParameterizedTest
    @ValueSource(strings = {"webinar.attended", "EMAIL.OPEN", ""})
    void apply_whenActivityTypeHasNoRule_recordsItForZeroPoints(String type) {
        service.apply(activity("a-1", type));

        assertThat(leads.get(LEAD).score()).isEqualTo(30);
        assertThat(leads.timeline()).extracting(Activity::activityId).containsExactly("a-1");
        assertThat(((LeadScored) bus.published().getFirst()).score()).isEqualTo(30);
    }

    @Test
    void apply_whenScored_publishesLeadScoredUnderAnIdDerivedFromTheActivity() {
        service.apply(activity("6f1c0a52", "email.open"));

        assertThat(bus.published()).containsExactly(new LeadScored("scored-6f1c0a52", NOW, LEAD.value(), 35, 30,
                "default-1", "6f1c0a52"));
    }

    @Test
    void apply_whenRulesHaveAnotherVersion_publishesThatVersion() {
        ScoringService custom = new ScoringService(leads, bus, new ScoringRules("2026-11-b", Map.of("email.open", 7)),
                new VisitorTimeline(visitors));

        custom.apply(activity("a-1", "email.open"));

        LeadScored scored = (LeadScored) bus.published().getFirst();
        assertThat(scored.rulesVersion()).isEqualTo("2026-11-b");
        assertThat(scored.score()).isEqualTo(37);
    }

    @Test
    void apply_whenActivityRedelivered_leavesTheScoreAndRepublishesUnderTheSameEventId() {
        service.apply(activity("a-1", "form.submitted"));

        service.apply(activity("a-1", "form.submitted"));

        assertThat(leads.get(LEAD).score()).isEqualTo(50);
        assertThat(bus.published()).hasSize(2).allSatisfy(e -> {
            LeadScored scored = (LeadScored) e;
            assertThat(scored.eventId()).isEqualTo("scored-a-1");
            assertThat(scored.score()).isEqualTo(50);
            assertThat(scored.previousScore()).isEqualTo(30);
            assertThat(scored.cause()).isEqualTo("a-1");
        });
    }

    @Test
    void apply_whenPublishFailedAfterTheWrite_theRedeliveryPublishesTheEventItLost() {
        bus.failEveryCallWith(new EventPublishException("PutEvents failed", null));
        assertThatThrownBy(() -> service.apply(activity("a-1", "email.click"))).isInstanceOf(EventPublishException.class);
        bus.recover();

        service.apply(activity("a-1", "email.click"));

        assertThat(leads.get(LEAD).score()).isEqualTo(40);
        assertThat(bus.published()).containsExactly(new LeadScored("scored-a-1", NOW, LEAD.value(), 40, 30, "default-1", "a-1"));
    }

    @Test
    void apply_whenDistinctActivitiesOfOneType_scoresEach() {
        service.apply(activity("a-1", "page.view"));
        service.apply(activity("a-2", "page.view"));

        assertThat(leads.get(LEAD).score()).isEqualTo(34);
        assertThat(bus.published()).extracting(e -> ((LeadScored) e).score()).containsExactly(32, 34);
    }

    @Test
    void apply_whenLeadDoesNotExist_throwsAndPublishesNothing() {
        Activity orphan = new Activity("a-1", LeadId.random(), "email.open", NOW, Map.of());

        assertThatThrownBy(() -> service.apply(orphan)).isInstanceOf(LeadNotFoundException.class);
        assertThat(bus.published()).isEmpty();
    }

    @Test
    void handle_whenBodyIsAnActivityJson_scoresIt() {
        service.handle(fixture("activities/email-open.json"));

        assertThat(leads.get(LEAD).score()).isEqualTo(35);
        assertThat(bus.published().getFirst().eventId()).isEqualTo("scored-6f1c0a52-8d2e-4b1f-9c3a-7e5d4b2a1c90");
    }

    @ParameterizedTest
    @ValueSource(strings = {"not json", "{\"activityId\":\"a-1\"", "[]", "{}",
            "{\"activityId\":\"a-1\",\"leadId\":\"not-a-uuid\",\"type\":\"email.open\",\"occurredAt\":\"2026-11-23T10:20:00Z\"}",
            "{\"activityId\":\"a-1\",\"leadId\":\"0b7e6a52-3c2d-4f8e-9a1b-5d6c7e8f9a0b\",\"type\":\"email.open\",\"occurredAt\":\"yesterday\"}",
            "{\"activityId\":\"a-1\",\"leadId\":\"0b7e6a52-3c2d-4f8e-9a1b-5d6c7e8f9a0b\",\"occurredAt\":\"2026-11-23T10:20:00Z\"}"})
    void handle_whenBodyIsNotAnActivity_throwsMalformedJsonAndChangesNothing(String body) {
        assertThatThrownBy(() -> service.handle(body)).isInstanceOf(MalformedJsonException.class);
        assertThat(leads.get(LEAD).score()).isEqualTo(30);
        assertThat(bus.published()).isEmpty();
    }

    @Test
    void handle_whenBodyIsAnUnlinkedVisitorActivity_keepsItUnderTheVisitorWithoutScoringOrPublishing() {
        String body = Json.write(VisitorActivity.of("v-1", VID, "page.view", NOW, Map.of("page", "www.example.com/")));

        service.handle(body);

        assertThat(visitors.stored(VID)).extracting(VisitorActivity::activityId).containsExactly("v-1");
        assertThat(leads.get(LEAD).score()).isEqualTo(30);
        assertThat(bus.published()).isEmpty();
    }

    @Test
    void handle_whenVisitorLinkArrives_movesEarlierHitsToTheLeadAndScoresThem() {
        service.handle(Json.write(VisitorActivity.of("v-1", VID, "page.view", NOW.minusSeconds(600), Map.of())));
        service.handle(Json.write(VisitorActivity.of("v-2", VID, "page.view", NOW.minusSeconds(300), Map.of())));

        service.handle(Json.write(VisitorLink.of("sub-1", VID, LEAD, NOW)));

        assertThat(leads.timeline()).extracting(Activity::activityId).containsExactly("v-1", "v-2");
        assertThat(leads.timeline()).allSatisfy(a -> assertThat(a.attributes()).containsEntry("visitorId", VID));
        assertThat(leads.get(LEAD).score()).isEqualTo(30 + 2 + 2);
        assertThat(bus.published()).extracting(e -> ((LeadScored) e).eventId()).containsExactly("scored-v-1", "scored-v-2");
        assertThat(visitors.stored(VID)).isEmpty();
    }

    @Test
    void handle_whenVisitorIsLinked_scoresItsNextHitOnTheLead() {
        service.handle(Json.write(VisitorLink.of("sub-1", VID, LEAD, NOW)));

        service.handle(Json.write(VisitorActivity.of("v-3", VID, "page.view", NOW.plusSeconds(5), Map.of())));

        assertThat(leads.timeline()).extracting(Activity::activityId).containsExactly("v-3");
        assertThat(leads.get(LEAD).score()).isEqualTo(32);
        assertThat(visitors.stored(VID)).isEmpty();
    }

    @Test
    void handle_whenVisitorLinkNamesAnUnknownLead_failsSoTheQueueRetriesIt() {
        service.handle(Json.write(VisitorActivity.of("v-1", VID, "page.view", NOW, Map.of())));

        assertThatThrownBy(() -> service.handle(Json.write(VisitorLink.of("sub-1", VID, LeadId.random(), NOW))))
                .isInstanceOf(LeadNotFoundException.class);
        assertThat(visitors.stored(VID)).hasSize(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"kind\":\"visitor-link\",\"linkId\":\"s\",\"visitorId\":\"short\",\"leadId\":\"0b7e6a52-3c2d-4f8e-9a1b-5d6c7e8f9a0b\",\"linkedAt\":\"2026-11-23T10:20:00Z\"}",
            "{\"kind\":\"visitor-activity\",\"activityId\":\"v\",\"visitorId\":\"AAECAwQFBgcICQoLDA0ODw\"}"})
    void handle_whenVisitorBodyIsMalformed_rejectsItWithoutWriting(String body) {
        assertThatThrownBy(() -> service.handle(body)).isInstanceOf(MalformedJsonException.class);
        assertThat(visitors.stored(VID)).isEmpty();
        assertThat(leads.timeline()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"email.open.automated", "email.click.automated"})
    void pointsFor_whenActivityWasAutomated_isZeroInTheDefaultRules(String type) {
        assertThat(ScoringRules.DEFAULT.pointsFor(type)).isZero();
    }

    private static Activity activity(String id, String type) {
        return new Activity(id, LEAD, type, NOW, Map.of());
    }

    private static String fixture(String path) {
        try (InputStream in = ScoringServiceTest.class.getClassLoader().getResourceAsStream(path)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
