package dev.lem.local.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lem.testing.fakes.RecordingQueue;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TimerTargetsTest {

    private final List<String> dripped = new ArrayList<>();
    private final RecordingQueue activityQueue = new RecordingQueue();
    private final TimerTargets targets = new TimerTargets((in, out, context) ->
            dripped.add(new String(in.readAllBytes(), StandardCharsets.UTF_8)), activityQueue);

    private void fire(String payload) throws IOException {
        targets.handleRequest(new ByteArrayInputStream(payload.getBytes(StandardCharsets.UTF_8)),
                new ByteArrayOutputStream(), null);
    }

    @Test
    void handleRequest_whenTheTimerIsScorings_sendsItToTheActivityQueueLikeSchedulersSqsTarget() throws IOException {
        String timer = "{\"kind\":\"lead-timer\",\"purpose\":\"sla\",\"name\":\"sla-mql-x-1\"}";

        fire(timer);

        assertThat(activityQueue.bodies()).containsExactly(timer);
        assertThat(dripped).isEmpty();
    }

    @Test
    void handleRequest_whenTheTimerIsADripStep_invokesDrip() throws IOException {
        String step = "{\"campaignId\":\"welcome\",\"step\":2}";

        fire(step);

        assertThat(dripped).containsExactly(step);
        assertThat(activityQueue.bodies()).isEmpty();
    }
}
