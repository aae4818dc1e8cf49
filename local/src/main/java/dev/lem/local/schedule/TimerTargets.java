package dev.lem.local.schedule;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.lem.json.Json;
import dev.lem.queue.MessageQueue;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Where a local timer goes, as in AWS: scoring's timers ({@code kind} = {@code lead-timer}) to the activity queue
 * (Scheduler's SQS target), every other timer to the drip function.
 */
public final class TimerTargets implements RequestStreamHandler {

    static final String SCORING_TIMER_KIND = "lead-timer";

    private final RequestStreamHandler drip;
    private final MessageQueue activityQueue;

    public TimerTargets(RequestStreamHandler drip, MessageQueue activityQueue) {
        this.drip = drip;
        this.activityQueue = activityQueue;
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        byte[] payload = input.readAllBytes();
        String body = new String(payload, StandardCharsets.UTF_8);
        var tree = Json.tree(body);
        if (tree.isObject() && SCORING_TIMER_KIND.equals(tree.path("kind").asText(""))) {
            activityQueue.send(body);
            return;
        }
        drip.handleRequest(new java.io.ByteArrayInputStream(payload), output, context);
    }
}
