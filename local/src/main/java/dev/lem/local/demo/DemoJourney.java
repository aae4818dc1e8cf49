package dev.lem.local.demo;

import dev.lem.json.Json;
import dev.lem.messaging.NotifyMessage;
import dev.lem.queue.MessageQueue;
import dev.lem.journey.BuiltInJourneys;
import dev.lem.schedule.StepScheduler;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The journey {@code lem up} seeds for its demo: the built-in welcome journey (welcome email now, a drip
 * email later with email consent), with two local adjustments so a marketer sees all of it in minutes:
 * the welcome email links to the demo page ({@code tourUrl}, which notifications turns into a signed
 * {@code /t/c} click link), and drip waits are shortened to at most {@code maxWait}.
 */
public final class DemoJourney {

    /** The message-data key of the demo page's URL; the welcome template renders it as {@code tourUrlTracked}. */
    public static final String TOUR_URL = "tourUrl";

    private final String tourUrl;
    private final Optional<Duration> maxWait;
    private final Clock clock;

    /**
     * @param tourUrl the demo page, where the welcome email's link leads
     * @param maxWait the longest a drip timer waits; empty keeps the journey's own waits
     */
    public DemoJourney(String tourUrl, Optional<Duration> maxWait, Clock clock) {
        this.tourUrl = tourUrl;
        this.maxWait = maxWait;
        this.clock = clock;
        maxWait.ifPresent(wait -> {
            if (wait.isNegative()) {
                throw new IllegalArgumentException("the drip wait must not be negative");
            }
        });
    }

    /** The notify queue the router sends to: welcome-journey messages get the demo link added. */
    public MessageQueue linking(MessageQueue notifyQueue) {
        return body -> notifyQueue.send(withTourUrl(body));
    }

    String withTourUrl(String body) {
        NotifyMessage message = Json.read(body, NotifyMessage.class);
        if (!BuiltInJourneys.WELCOME.equals(message.campaignId()) || message.data().containsKey(TOUR_URL)) {
            return body;
        }
        Map<String, String> data = new HashMap<>(message.data());
        data.put(TOUR_URL, tourUrl);
        return Json.write(new NotifyMessage(message.messageId(), message.leadId(), message.channel(), message.category(),
                message.campaignId(), message.template(), data));
    }

    /** The scheduler the router uses: a timer due later than {@code now + maxWait} fires at {@code now + maxWait}. */
    public StepScheduler shortening(StepScheduler scheduler) {
        if (maxWait.isEmpty()) {
            return scheduler;
        }
        return new StepScheduler() {
            @Override
            public void scheduleOnce(String name, Instant at, String payloadJson) {
                scheduler.scheduleOnce(name, shortened(at), payloadJson);
            }

            @Override
            public void cancel(String name) {
                scheduler.cancel(name);
            }
        };
    }

    Instant shortened(Instant at) {
        if (maxWait.isEmpty()) {
            return at;
        }
        Instant latest = clock.instant().plus(maxWait.get());
        return at.isAfter(latest) ? latest : at;
    }

    public Optional<Duration> maxWait() {
        return maxWait;
    }
}
