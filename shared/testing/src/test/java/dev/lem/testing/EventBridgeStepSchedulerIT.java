package dev.lem.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lem.aws.AwsClients;
import dev.lem.schedule.ScheduleException;
import dev.lem.schedule.aws.EventBridgeStepScheduler;
import dev.lem.testing.WireCapture.Service;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.scheduler.SchedulerClient;

@ExtendWith(AwsEnginesExtension.class)
class EventBridgeStepSchedulerIT {

    private static final String GROUP = "lem-test";
    private static final String TARGET = "arn:aws:lambda:eu-west-1:000000000000:function:lem-drip";
    private static final String ROLE = "arn:aws:iam::000000000000:role/lem-scheduler";
    private static final String PAYLOAD = "{\"leadId\":\"0b7e6a52-3c2d-4f8e-9a1b-5d6c7e8f9a0b\",\"step\":2,\"note\":\"\u00fc \\\"quoted\\\"\"}";

    private final WireCapture wire;
    private final SchedulerClient client;
    private final EventBridgeStepScheduler scheduler;

    EventBridgeStepSchedulerIT(WireCapture wire) {
        this.wire = wire;
        wire.reset();
        this.client = AwsClients.scheduler(wire.awsConfig());
        this.scheduler = new EventBridgeStepScheduler(client, GROUP, TARGET, ROLE);
    }

    @AfterEach
    void closeClient() {
        client.close();
        wire.reset();
    }

    private static Map<String, String> query(String url) {
        Map<String, String> params = new LinkedHashMap<>();
        String query = URI.create(url).getRawQuery();
        if (query != null) {
            for (String pair : query.split("&")) {
                String[] kv = pair.split("=", 2);
                params.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8),
                        kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
            }
        }
        return params;
    }

    private static String path(String url) {
        return URI.create(url).getRawPath();
    }

    @Test
    void scheduleOnce_whenCalled_postsTheScheduleWithItsNameInThePath() {
        scheduler.scheduleOnce("drip-0b7e6a52-step-2", Instant.parse("2026-11-24T09:00:00Z"), PAYLOAD);

        assertThat(wire.requests(Service.SCHEDULER)).singleElement().satisfies(r -> {
            assertThat(r.method()).isEqualTo("POST");
            assertThat(path(r.url())).isEqualTo("/schedules/drip-0b7e6a52-step-2");
            assertThat(r.header("Content-Type")).startsWith("application/json");
            assertThat(r.header("Authorization")).contains("/eu-west-1/scheduler/");
        });
    }

    @Test
    void scheduleOnce_whenADeadLetterQueueIsConfigured_namesItOnTheTarget() {
        String dlq = "arn:aws:sqs:eu-west-1:000000000000:lem-scheduler-dlq";
        new EventBridgeStepScheduler(client, GROUP, TARGET, ROLE, java.util.Optional.of(dlq))
                .scheduleOnce("drip-0b7e6a52-step-2", Instant.parse("2026-11-24T09:00:00Z"), PAYLOAD);

        JsonNode target = wire.requests(Service.SCHEDULER).getFirst().json().path("Target");
        assertThat(target.path("DeadLetterConfig").path("Arn").asText()).isEqualTo(dlq);
    }

    @Test
    void scheduleOnce_whenNoDeadLetterQueueIsConfigured_sendsNoDeadLetterConfig() {
        scheduler.scheduleOnce("drip-0b7e6a52-step-2", Instant.parse("2026-11-24T09:00:00Z"), PAYLOAD);

        assertThat(wire.requests(Service.SCHEDULER).getFirst().json().path("Target").has("DeadLetterConfig")).isFalse();
    }

    @Test
    void scheduleOnce_whenCalled_sendsAOneShotUtcDeletingScheduleTargetingTheDripFunction() {
        scheduler.scheduleOnce("drip-0b7e6a52-step-2", Instant.parse("2026-11-24T09:00:00.250Z"), PAYLOAD);

        JsonNode body = wire.requests(Service.SCHEDULER).getFirst().json();
        assertThat(body.path("GroupName").asText()).isEqualTo(GROUP);
        assertThat(body.path("ScheduleExpression").asText()).isEqualTo("at(2026-11-24T09:00:01)");
        assertThat(body.path("ScheduleExpressionTimezone").asText()).isEqualTo("UTC");
        assertThat(body.path("FlexibleTimeWindow").path("Mode").asText()).isEqualTo("OFF");
        assertThat(body.path("FlexibleTimeWindow").has("MaximumWindowInMinutes")).isFalse();
        assertThat(body.path("ActionAfterCompletion").asText()).isEqualTo("DELETE");
        assertThat(body.has("Name")).as("the name travels in the path").isFalse();
        JsonNode target = body.path("Target");
        assertThat(target.path("Arn").asText()).isEqualTo(TARGET);
        assertThat(target.path("RoleArn").asText()).isEqualTo(ROLE);
        assertThat(target.path("Input").asText()).isEqualTo(PAYLOAD);
        assertThat(target.path("RetryPolicy").path("MaximumRetryAttempts").asInt()).isEqualTo(10);
        assertThat(target.path("RetryPolicy").path("MaximumEventAgeInSeconds").asInt()).isEqualTo(86_400);
    }

    @Test
    void scheduleOnce_whenScheduleExists_swallowsTheConflict() {
        wire.answerWithError(Service.SCHEDULER, 409, "application/json",
                "{\"__type\":\"ConflictException\",\"Message\":\"exists\"}");

        assertThatNoException().isThrownBy(() ->
                scheduler.scheduleOnce("drip-dup", Instant.parse("2026-11-24T09:00:00Z"), PAYLOAD));
        assertThat(wire.requests(Service.SCHEDULER)).as("a conflict is not retried").hasSize(1);
    }

    @Test
    void scheduleOnce_whenValidationFails_throwsNonRetryableScheduleException() {
        wire.answerWithError(Service.SCHEDULER, 400, "application/json",
                "{\"__type\":\"ValidationException\",\"Message\":\"bad expression\"}");

        assertThatThrownBy(() -> scheduler.scheduleOnce("drip-bad", Instant.parse("2026-11-24T09:00:00Z"), PAYLOAD))
                .isInstanceOfSatisfying(ScheduleException.class, e -> assertThat(e.retryable()).isFalse())
                .hasMessageContaining("CreateSchedule").hasMessageContaining("400");
    }

    @Test
    void scheduleOnce_whenServiceFails_throwsRetryableScheduleException() {
        wire.answerWithError(Service.SCHEDULER, 500, "application/json",
                "{\"__type\":\"InternalServerException\",\"Message\":\"boom\"}");

        assertThatThrownBy(() -> scheduler.scheduleOnce("drip-500", Instant.parse("2026-11-24T09:00:00Z"), PAYLOAD))
                .isInstanceOfSatisfying(ScheduleException.class, e -> assertThat(e.retryable()).isTrue())
                .hasMessageContaining("500");
    }

    @Test
    void cancel_whenCalled_sendsDeleteWithTheGroupAsQueryParameter() {
        scheduler.cancel("drip-0b7e6a52-step-2");

        assertThat(wire.requests(Service.SCHEDULER)).singleElement().satisfies(r -> {
            assertThat(r.method()).isEqualTo("DELETE");
            assertThat(path(r.url())).isEqualTo("/schedules/drip-0b7e6a52-step-2");
            assertThat(query(r.url())).containsEntry("groupName", GROUP);
        });
    }

    @Test
    void cancel_whenScheduleAlreadyGone_swallowsNotFound() {
        wire.answerWithError(Service.SCHEDULER, 404, "application/json",
                "{\"__type\":\"ResourceNotFoundException\",\"Message\":\"Schedule drip-gone does not exist.\"}");

        assertThatNoException().isThrownBy(() -> scheduler.cancel("drip-gone"));
    }

    @Test
    void cancel_whenServiceFails_throwsRetryableScheduleException() {
        wire.answerWithError(Service.SCHEDULER, 500, "application/json",
                "{\"__type\":\"InternalServerException\",\"Message\":\"boom\"}");

        assertThatThrownBy(() -> scheduler.cancel("drip-500"))
                .isInstanceOfSatisfying(ScheduleException.class, e -> assertThat(e.retryable()).isTrue())
                .hasMessageContaining("DeleteSchedule");
    }

    @Test
    void cancel_whenValidationFails_throwsNonRetryableScheduleException() {
        wire.answerWithError(Service.SCHEDULER, 400, "application/json",
                "{\"__type\":\"ValidationException\",\"Message\":\"bad group\"}");

        assertThatThrownBy(() -> scheduler.cancel("drip-bad"))
                .isInstanceOfSatisfying(ScheduleException.class, e -> assertThat(e.retryable()).isFalse());
    }
}
