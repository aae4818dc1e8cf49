package dev.lem.drip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lem.drip.DripService.Fired;
import dev.lem.journey.DripStep;
import dev.lem.journey.Enrolment;
import dev.lem.json.Json;
import dev.lem.lead.LeadId;
import dev.lem.messaging.Channel;
import dev.lem.messaging.MessageCategory;
import dev.lem.messaging.NotifyMessage;
import dev.lem.queue.QueueUnavailableException;
import dev.lem.store.StoreUnavailableException;
import dev.lem.testing.fakes.JourneyFakes;
import dev.lem.testing.fakes.RecordingStepScheduler.Schedule;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DripServiceTest {

    static final LeadId LEAD = new LeadId("0b7e6a52-3c2d-4f8e-9a1b-5d6c7e8f9a0b");
    static final Instant NOW = Instant.parse("2026-11-23T10:15:31Z");

    private final JourneyFakes fakes = new JourneyFakes(NOW);
    private final DripService service = new DripService(fakes.catalog, fakes.enrolments, fakes.leads, fakes.runner, fakes.clock());

    /** The welcome journey entered with consent: parked at its two-day wait; returns the timer's payload. */
    private DripStep enteredWelcome() {
        fakes.lead(LEAD);
        fakes.enter(LEAD, "welcome", "capture-1", Map.of("formId", "demo", "emailConsent", "true"));
        Schedule timer = fakes.scheduler.pending().values().iterator().next();
        fakes.clock(timer.at());
        return Json.read(timer.payloadJson(), DripStep.class);
    }

    @Test
    void run_whenTheTimerIsCurrent_queuesTheFollowUpUnderADeterministicIdAndCompletesTheJourney() {
        DripStep timer = enteredWelcome();

        assertThat(service.run(timer)).isEqualTo(Fired.RAN);

        assertThat(fakes.notifyQueue.bodies()).hasSize(2);
        assertThat(Json.read(fakes.notifyQueue.bodies().get(1), NotifyMessage.class)).isEqualTo(new NotifyMessage(
                "welcome.4." + LEAD, LEAD, Channel.EMAIL, MessageCategory.MARKETING, "welcome", "welcome-2", Map.of()));
        Enrolment enrolment = fakes.enrolments.get(LEAD, "welcome");
        assertThat(enrolment.status()).isEqualTo(Enrolment.Status.EXITED);
        assertThat(enrolment.seq()).isEqualTo(2);
        assertThat(enrolment.timer()).isEmpty();
        assertThat(fakes.scheduler.cancelled()).as("a fired timer deletes itself").isEmpty();
    }

    @Test
    void run_whenTheTimerFiresTwice_theSecondFiringIsStaleAndSendsNothing() {
        DripStep timer = enteredWelcome();
        service.run(timer);

        assertThat(service.run(timer)).isEqualTo(Fired.STALE);

        assertThat(fakes.notifyQueue.bodies()).hasSize(2);
    }

    @Test
    void run_whenTheTimerIsForAnotherSeqRunOrPosition_isStale() {
        DripStep timer = enteredWelcome();

        assertThat(service.run(new DripStep(LEAD, "welcome", 3, timer.dueAt(), 1, 1, 0))).isEqualTo(Fired.STALE);
        assertThat(service.run(new DripStep(LEAD, "welcome", 3, timer.dueAt(), 1, 2, 1))).isEqualTo(Fired.STALE);
        assertThat(service.run(new DripStep(LEAD, "welcome", 2, timer.dueAt(), 1, 1, 1))).isEqualTo(Fired.STALE);
        assertThat(service.run(new DripStep(LEAD, "welcome", 3, timer.dueAt(), 2, 1, 1))).isEqualTo(Fired.STALE);
        assertThat(service.run(new DripStep(LEAD, "trial", 3, timer.dueAt(), 1, 1, 1))).isEqualTo(Fired.STALE);

        assertThat(fakes.notifyQueue.bodies()).hasSize(1);
        assertThat(fakes.enrolments.get(LEAD, "welcome").seq()).isEqualTo(1);
    }

    @Test
    void run_whenTheEnrolmentWasCancelled_isStale() {
        DripStep timer = enteredWelcome();
        fakes.runner.end(fakes.enrolments.get(LEAD, "welcome"), Enrolment.Status.CANCELLED, NOW);

        assertThat(service.run(timer)).isEqualTo(Fired.STALE);

        assertThat(fakes.notifyQueue.bodies()).hasSize(1);
    }

    @Test
    void run_whenLeadWasErased_endsTheEnrolmentAndSendsNothing() {
        DripStep timer = enteredWelcome();
        fakes.leads.remove(LEAD);

        assertThat(service.run(timer)).isEqualTo(Fired.LEAD_GONE);

        assertThat(fakes.notifyQueue.bodies()).hasSize(1);
        assertThat(fakes.enrolments.get(LEAD, "welcome").status()).isEqualTo(Enrolment.Status.CANCELLED);
    }

    @Test
    void run_whenTheNextStepWaitsAgain_schedulesTheNextTimer() {
        fakes.deploy("""
                {"schemaVersion":1,"id":"drip3","version":1,
                 "entry":{"event":{"source":["lem.marketing"],"detail-type":["campaign.trigger"]}},
                 "steps":[{"id":"w1","type":"wait","duration":"P1D"},
                          {"id":"m1","type":"send","channel":"email","template":"d-1"},
                          {"id":"w2","type":"wait","duration":"PT12H"},
                          {"id":"m2","type":"send","channel":"sms","template":"d-2"}]}""");
        fakes.lead(LEAD);
        fakes.enter(LEAD, "drip3", "t-1", Map.of());
        DripStep first = Json.read(fakes.scheduler.pending().get("drip3-1-" + LEAD).payloadJson(), DripStep.class);
        fakes.clock(first.dueAt());

        assertThat(service.run(first)).isEqualTo(Fired.RAN);

        Schedule second = fakes.scheduler.pending().get("drip3-3-" + LEAD);
        assertThat(second.at()).isEqualTo(NOW.plus(Duration.ofDays(1)).plus(Duration.ofHours(12)));
        fakes.clock(second.at());
        assertThat(service.run(Json.read(second.payloadJson(), DripStep.class))).isEqualTo(Fired.RAN);
        assertThat(fakes.notifyQueue.bodies()).extracting(b -> Json.read(b, NotifyMessage.class).template())
                .containsExactly("d-1", "d-2");
        assertThat(fakes.enrolments.get(LEAD, "drip3").status()).isEqualTo(Enrolment.Status.COMPLETED);
    }

    @Test
    void run_whenStoreOrQueueUnavailable_throwsSoTheSchedulerRetriesAndTheRetrySucceeds() {
        DripStep timer = enteredWelcome();
        fakes.enrolments.failEveryCallWith(new StoreUnavailableException("get enrolment throttled", null));
        assertThatThrownBy(() -> service.run(timer)).isInstanceOf(StoreUnavailableException.class);
        fakes.enrolments.recover();
        fakes.notifyQueue.failEveryCallWith(new QueueUnavailableException("SendMessage failed", null));
        assertThatThrownBy(() -> service.run(timer)).isInstanceOf(QueueUnavailableException.class);
        fakes.notifyQueue.recover();

        assertThat(service.run(timer)).isEqualTo(Fired.RAN);
    }
}
