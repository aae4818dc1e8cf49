package dev.lem.tracking;

import static dev.lem.tracking.TrackingServiceClickTest.queryOf;
import static dev.lem.tracking.TrackingServiceTest.HUMAN;
import static dev.lem.tracking.TrackingServiceTest.LEAD;
import static dev.lem.tracking.TrackingServiceTest.MESSAGE;
import static dev.lem.tracking.TrackingServiceTest.OTHER_LEAD;
import static dev.lem.tracking.TrackingServiceTest.TRACKING_KEY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lem.bus.EventPublishException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.lem.events.LeadActivity;
import dev.lem.json.Json;
import dev.lem.lead.Activity;
import dev.lem.lead.LeadId;
import dev.lem.links.LinkSigner;
import dev.lem.links.TrackingLinks;
import dev.lem.queue.QueueUnavailableException;
import dev.lem.testing.fakes.RecordingEventBus;
import dev.lem.testing.fakes.RecordingQueue;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SurveyAnswersTest {

    private static final Instant NOW = Instant.parse("2026-11-30T09:12:00Z");
    private static final LinkSigner SIGNER = new LinkSigner(TRACKING_KEY);
    private static final String SURVEY = "webinar-followup.nps";
    private static final TrackingLinks LINKS = new TrackingLinks(SIGNER, URI.create("https://t.lem.example"));

    private final RecordingQueue activities = new RecordingQueue();
    private final RecordingEventBus bus = new RecordingEventBus();
    private final SurveyAnswers answers = new SurveyAnswers(SIGNER, activities, bus);

    private SurveyAnswers.Result answer(String url, String userAgent) {
        Map<String, String> q = queryOf(url);
        return answers.record(q.get("q"), q.get("a"), q.get("l"), q.get("m"), q.get("s"), userAgent, NOW);
    }

    private String link(int answer) {
        return LINKS.surveyAnswerUrls(new LeadId(LEAD), MESSAGE, SURVEY).get("answerUrl" + answer);
    }

    @Test
    void record_whenALinkOfTheMessage_recordsTheActivityAndPublishesTheAnswerForTheRouter() {
        assertThat(answer(link(9), HUMAN)).isEqualTo(SurveyAnswers.Result.RECORDED);

        Activity activity = Json.read(activities.bodies().getFirst(), Activity.class);
        assertThat(activity.type()).isEqualTo("survey.answered");
        assertThat(activity.leadId().value()).isEqualTo(LEAD);
        assertThat(activity.occurredAt()).isEqualTo(NOW);
        assertThat(activity.attributes()).isEqualTo(Map.of("messageId", MESSAGE, "survey", SURVEY, "answer", "9"));
        assertThat(bus.published()).singleElement().isEqualTo(
                new LeadActivity(activity.activityId(), NOW, LEAD, activity.activityId(), "survey.answered", SURVEY, 9));
    }

    @Test
    void record_whenPublished_theDetailCarriesTheSurveyAndTheAnswerAsANumber() {
        answer(link(10), HUMAN);

        // the schema check of this shape runs in shared (sample.v1.survey.json) and in the router's decode (SurveyAnswerIT)
        JsonNode detail = Json.mapper().valueToTree(bus.published().getFirst());
        assertThat(detail.path("schemaVersion").asInt()).isEqualTo(1);
        assertThat(detail.path("type").asText()).isEqualTo("survey.answered");
        assertThat(detail.path("answer").isInt()).isTrue();
        assertThat(detail.path("answer").asInt()).isEqualTo(10);
        assertThat(detail.path("survey").asText()).isEqualTo(SURVEY);
    }

    @Test
    void record_whenTheSameLinkIsUsedTwice_bothCarryTheSameIds_soTheyCountOnce() {
        answer(link(7), HUMAN);
        answer(link(7), HUMAN);

        assertThat(activities.bodies()).hasSize(2).allSatisfy(body ->
                assertThat(Json.read(body, Activity.class).activityId()).isEqualTo(
                        Json.read(activities.bodies().getFirst(), Activity.class).activityId()));
        assertThat(bus.published()).hasSize(2).allSatisfy(e -> assertThat(e.eventId())
                .isEqualTo(bus.published().getFirst().eventId()));
    }

    @Test
    void record_whenAnotherAnswerOfTheSameMessageFollows_itCarriesTheSameIds_soTheFirstAnswerWins() {
        answer(link(7), HUMAN);
        answer(link(3), HUMAN);

        List<Activity> recorded = activities.bodies().stream().map(b -> Json.read(b, Activity.class)).toList();
        assertThat(recorded).extracting(Activity::activityId).containsOnly(recorded.getFirst().activityId());
        assertThat(recorded.getFirst().activityId()).startsWith("survey:").hasSizeLessThanOrEqualTo(128)
                .doesNotContain(LEAD).doesNotContain(MESSAGE);
        // the store keeps the first activity with an id (conditional put); the router resumes the survey step once
        assertThat(bus.published()).extracting(e -> e.eventId()).containsOnly(recorded.getFirst().activityId());
    }

    @Test
    void record_whenAnotherMessageOrLeadAnswers_itIsAnotherAnswer() {
        assertThat(SurveyAnswers.answerId(LEAD, MESSAGE)).isEqualTo(SurveyAnswers.answerId(LEAD, MESSAGE))
                .isNotEqualTo(SurveyAnswers.answerId(LEAD, MESSAGE + "-2"))
                .isNotEqualTo(SurveyAnswers.answerId(OTHER_LEAD, MESSAGE));
    }

    @Test
    void verify_whenSigned_returnsTheParts_elseEmpty_andRecordsNothing() {
        Map<String, String> q = queryOf(link(5));
        assertThat(answers.verify(q.get("q"), q.get("a"), q.get("l"), q.get("m"), q.get("s")))
                .hasValue(new SurveyAnswers.Answer(SURVEY, "5", LEAD, MESSAGE, q.get("s")));
        assertThat(answers.verify(q.get("q"), "6", q.get("l"), q.get("m"), q.get("s"))).isEmpty();
        assertThat(activities.bodies()).isEmpty();
        assertThat(bus.published()).isEmpty();
    }

    @Test
    void record_whenALinkScannerFetchesIt_recordsAnAutomatedActivityAndPublishesNothing() {
        assertThat(answer(link(0), "Mozilla/5.0 (Windows NT 5.1; rv:11.0) Gecko Firefox/11.0 (via ggpht.com GoogleImageProxy)"))
                .isEqualTo(SurveyAnswers.Result.RECORDED_AUTOMATED);

        assertThat(Json.read(activities.bodies().getFirst(), Activity.class).type()).isEqualTo("survey.answered.automated");
        assertThat(bus.published()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"a", "q", "l", "m"})
    void record_whenAnySignedPartIsChanged_refusesAndRecordsNothing(String part) {
        Map<String, String> q = new java.util.HashMap<>(queryOf(link(6)));
        q.put(part, switch (part) {
            case "a" -> "10";
            case "q" -> "webinar-followup.other";
            case "l" -> OTHER_LEAD;
            default -> "welcome.2." + LEAD;
        });

        assertThat(answers.record(q.get("q"), q.get("a"), q.get("l"), q.get("m"), q.get("s"), HUMAN, NOW))
                .isEqualTo(SurveyAnswers.Result.INVALID);
        assertThat(activities.bodies()).isEmpty();
        assertThat(bus.published()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"11", "-1", "07", "1.5", "", "ten"})
    void record_whenTheAnswerIsOffTheScale_refusesEvenWhenSigned(String value) {
        String signature = SIGNER.sign(TrackingLinks.SURVEY, SURVEY, value, LEAD, MESSAGE);

        assertThat(answers.record(SURVEY, value, LEAD, MESSAGE, signature, HUMAN, NOW)).isEqualTo(SurveyAnswers.Result.INVALID);
        assertThat(activities.bodies()).isEmpty();
    }

    @Test
    void record_whenPartsAreMissingOrHostile_refuses() {
        String signature = SIGNER.sign(TrackingLinks.SURVEY, SURVEY, "5", LEAD, MESSAGE);

        assertThat(answers.record(null, "5", LEAD, MESSAGE, signature, HUMAN, NOW)).isEqualTo(SurveyAnswers.Result.INVALID);
        assertThat(answers.record(SURVEY, "5", LEAD, MESSAGE, null, HUMAN, NOW)).isEqualTo(SurveyAnswers.Result.INVALID);
        assertThat(answers.record("x".repeat(5000), "5", LEAD, MESSAGE, signature, HUMAN, NOW))
                .isEqualTo(SurveyAnswers.Result.INVALID);
        assertThat(answers.record(SURVEY, "5", "not-a-lead", MESSAGE, signature, HUMAN, NOW))
                .isEqualTo(SurveyAnswers.Result.INVALID);
        assertThat(activities.bodies()).isEmpty();
    }

    @Test
    void record_whenTheQueueIsDown_throwsAndPublishesNothing() {
        activities.failNextCallWith(new QueueUnavailableException("down", null));

        assertThatThrownBy(() -> answer(link(8), HUMAN)).isInstanceOf(QueueUnavailableException.class);
        assertThat(bus.published()).isEmpty();
    }

    @Test
    void record_whenTheBusIsDown_throwsAfterRecording_andTheSameLinkLaterPublishesTheSameEvent() {
        bus.failNextCallWith(new EventPublishException("down", null));

        assertThatThrownBy(() -> answer(link(8), HUMAN)).isInstanceOf(EventPublishException.class);
        assertThat(answer(link(8), HUMAN)).isEqualTo(SurveyAnswers.Result.RECORDED);
        assertThat(bus.published()).hasSize(1);
    }
}
