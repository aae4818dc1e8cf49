package dev.lem.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.lem.local.bus.DeadLetters;
import dev.lem.local.schedule.LocalStepScheduler;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The local scheduler keeps EventBridge Scheduler's one-shot semantics and survives restarts. */
class LemUpSchedulerTest {

    private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");

    @TempDir
    Path dir;

    private final List<String> delivered = new CopyOnWriteArrayList<>();
    private final RequestStreamHandler target = (in, out, context) ->
            delivered.add(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    private final DeadLetters deadLetters = new DeadLetters();
    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);

    @Test
    void scheduleOnce_whenSameNameTwice_keepsTheFirst() {
        LocalStepScheduler scheduler = open(target);

        scheduler.scheduleOnce("welcome-2-a", NOW.plusSeconds(60), "{\"n\":1}");
        scheduler.scheduleOnce("welcome-2-a", NOW.plusSeconds(120), "{\"n\":2}");

        assertThat(scheduler.pending()).singleElement()
                .isEqualTo(new LocalStepScheduler.PendingSchedule("welcome-2-a", NOW.plusSeconds(60), "{\"n\":1}"));
    }

    @Test
    void cancel_whenMissingOrPresent_removesOnlyWhatExists() {
        LocalStepScheduler scheduler = open(target);
        scheduler.scheduleOnce("a", NOW.plusSeconds(60), "{}");

        scheduler.cancel("never-scheduled");
        scheduler.cancel("a");

        assertThat(scheduler.pending()).isEmpty();
    }

    @Test
    void fireDue_whenUntilPassesSome_firesThoseSoonestFirstAndDeletesThem() {
        LocalStepScheduler scheduler = open(target);
        scheduler.scheduleOnce("later", NOW.plusSeconds(7200), "{\"n\":\"later\"}");
        scheduler.scheduleOnce("sooner", NOW.plusSeconds(60), "{\"n\":\"sooner\"}");
        scheduler.scheduleOnce("next-week", NOW.plusSeconds(7 * 86400), "{\"n\":\"week\"}");

        LocalStepScheduler.Firing firing = scheduler.fireDue(NOW.plusSeconds(86400));

        assertThat(firing.fired()).containsExactly("sooner", "later");
        assertThat(delivered).containsExactly("{\"n\":\"sooner\"}", "{\"n\":\"later\"}");
        assertThat(scheduler.pending()).extracting(LocalStepScheduler.PendingSchedule::name).containsExactly("next-week");
        assertThat(scheduler.fireDue(NOW.plusSeconds(86400)).fired()).isEmpty();
    }

    @Test
    void open_whenFileHoldsPendingSchedules_reloadsThem() throws Exception {
        LocalStepScheduler first = open(target);
        first.scheduleOnce("kept", NOW.plusSeconds(60), "{\"leadId\":\"x\"}");
        first.close();

        LocalStepScheduler second = open(target);

        assertThat(second.pending()).extracting(LocalStepScheduler.PendingSchedule::name).containsExactly("kept");
        assertThat(Files.getPosixFilePermissions(dir.resolve("schedules.json"))).extracting(Object::toString)
                .containsExactlyInAnyOrder("OWNER_READ", "OWNER_WRITE");
    }

    @Test
    void open_whenFileUnreadable_movesItAsideAndStartsEmpty() throws Exception {
        Files.writeString(dir.resolve("schedules.json"), "{not json");

        LocalStepScheduler scheduler = open(target);

        assertThat(scheduler.pending()).isEmpty();
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).anyMatch(n -> n.startsWith("schedules.json.unreadable-"));
        }
    }

    @Test
    void fireDue_whenTargetKeepsFailing_retriesThenDeadLettersWithTheReason() {
        LocalStepScheduler scheduler = open((in, out, context) -> {
            throw new IllegalArgumentException("drip payload is not a DripStep");
        });
        scheduler.scheduleOnce("broken", NOW, "{}");

        assertThat(scheduler.fireDue(NOW).failed()).containsExactly("broken");
        assertThat(scheduler.pending()).hasSize(1);
        scheduler.fireDue(NOW);
        scheduler.fireDue(NOW);

        assertThat(scheduler.pending()).isEmpty();
        assertThat(deadLetters.list()).singleElement().satisfies(letter -> {
            assertThat(letter.source()).isEqualTo("scheduler");
            assertThat(letter.id()).isEqualTo("broken");
            assertThat(letter.attempts()).isEqualTo(3);
            assertThat(letter.reason()).isEqualTo("IllegalArgumentException: drip payload is not a DripStep");
        });
    }

    @Test
    void scheduleOnce_whenNameInvalid_refusesItLikeEventBridgeScheduler() {
        LocalStepScheduler scheduler = open(target);

        assertThatThrownBy(() -> scheduler.scheduleOnce("has space", NOW, "{}")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> scheduler.scheduleOnce("x".repeat(65), NOW, "{}")).isInstanceOf(IllegalArgumentException.class);
    }

    private LocalStepScheduler open(RequestStreamHandler handler) {
        return LocalStepScheduler.open(dir.resolve("schedules.json"), handler, deadLetters, clock);
    }
}
