package dev.lem.local.faults;

import dev.lem.testing.WireCapture;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;

/**
 * Every random decision of a run, from one seeded generator, so a seed replays the same faults (the run is driven
 * from one thread; WireMock's answers come in the order the SDK calls are made).
 */
public final class Faults {

    /** Where an injected handler failure strikes. */
    public enum Strike { NONE, BEFORE_WORK, AFTER_WORK }

    private final FaultPlan plan;
    private final Random random;
    /** Throttling draws per service, each its own stream: the k-th call to a service is throttled or not whatever else ran. */
    private final java.util.Map<WireCapture.Service, Random> throttling = new java.util.EnumMap<>(WireCapture.Service.class);
    private final FaultCounts counts;
    private int publishes;

    public Faults(FaultPlan plan, FaultCounts counts) {
        this.plan = plan;
        this.random = new Random(plan.seed());
        for (WireCapture.Service service : WireCapture.Service.values()) {
            throttling.put(service, throttleStream(plan.seed(), service));
        }
        this.counts = counts;
    }

    public FaultPlan plan() {
        return plan;
    }

    public FaultCounts counts() {
        return counts;
    }

    /** Whether (and where) this invocation of {@code function} fails: before it did anything, or after its work. */
    public synchronized Strike invocation(String function) {
        if (random.nextDouble() >= plan.handlerFailureRate()) {
            return Strike.NONE;
        }
        Strike strike = random.nextBoolean() ? Strike.BEFORE_WORK : Strike.AFTER_WORK;
        counts.add("injected: handler failure " + (strike == Strike.BEFORE_WORK ? "before" : "after") + " work (" + function + ")");
        return strike;
    }

    /** Whether a batch whose records all succeeded reports one of them failed anyway (a partial batch failure). */
    public synchronized Optional<Integer> partialFailure(String function, int batchSize) {
        if (batchSize == 0 || random.nextDouble() >= plan.handlerFailureRate()) {
            return Optional.empty();
        }
        counts.add("injected: partial batch failure (" + function + ")");
        return Optional.of(random.nextInt(batchSize));
    }

    /** Whether this publish crashes after the store write: once every {@code crashEvery} publishes. */
    public synchronized boolean crashBeforePublish() {
        publishes++;
        if (publishes % plan.crashEvery() != 0) {
            return false;
        }
        counts.add("injected: crash between store write and event publish");
        return true;
    }

    /** SES v2 and Scheduler answer a share of their calls with throttling, as the real services do. */
    public synchronized Optional<WireCapture.ErrorAnswer> throttle(WireCapture.Service service) {
        if (service != WireCapture.Service.SES_V2 && service != WireCapture.Service.SCHEDULER) {
            return Optional.empty();
        }
        Random draws = throttling.get(service);
        counts.add("calls answered by " + (service == WireCapture.Service.SES_V2 ? "SES SendEmail" : "Scheduler") + " (throttled or not)");
        if (draws.nextDouble() >= plan.throttleShare()) {
            return Optional.empty();
        }
        counts.add("injected: throttled " + (service == WireCapture.Service.SES_V2 ? "SES SendEmail" : "Scheduler") + " call");
        return Optional.of(switch (service) {
            // SES v2's own throttling error (HTTP 429), and the account's sending-rate throttle (HTTP 400 Throttling)
            case SES_V2 -> draws.nextBoolean()
                    ? new WireCapture.ErrorAnswer(429, "TooManyRequestsException", "Too many requests.")
                    : new WireCapture.ErrorAnswer(400, "ThrottlingException", "Maximum sending rate exceeded.");
            default -> new WireCapture.ErrorAnswer(429, "ThrottlingException", "Rate exceeded");
        });
    }

    /** The throttling decisions for one service's calls under {@code seed}, in call order. */
    static Random throttleStream(long seed, WireCapture.Service service) {
        return new Random(seed * 1_000_003L + service.ordinal());
    }

    /** The items in a random order: duplicate copies are delivered out of order. */
    public synchronized <T> List<T> shuffled(List<T> items) {
        List<T> copy = new ArrayList<>(items);
        Collections.shuffle(copy, random);
        return copy;
    }
}
