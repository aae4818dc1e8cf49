package dev.lem.cost;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The AWS requests of one invocation: per meter (what they are billed at), per {@code Service.Operation}, and
 * the retries and throttles among them. Filled by the SDK interceptor; thread-safe (an invocation may call
 * the SDK from more than one thread).
 */
public final class UsageMeter {

    /** A campaign id usable as a metric dimension: a journey id, never free text from a visitor. */
    private static final Pattern CAMPAIGN = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    private final Map<String, Long> meters = new TreeMap<>();
    private final Map<String, Long> operations = new TreeMap<>();
    private long retries;
    private long throttles;
    private String campaign;
    private boolean mixedCampaigns;

    /** {@code quantity} billed units of one request (PutEvents bills each entry as an event). */
    public synchronized void request(String service, String operation, boolean toPhone, int quantity) {
        meters.merge(RequestMeters.meterOf(service, operation, toPhone), (long) Math.max(1, quantity), Long::sum);
        operations.merge(service + "." + operation, 1L, Long::sum);
    }

    public synchronized void retry() {
        retries++;
    }

    public synchronized void throttle() {
        throttles++;
    }

    /**
     * The campaign (journey id) this invocation worked for. One invocation that touches two campaigns (a mixed
     * SQS batch) is attributed to none, and an id that is not a plain identifier is ignored, so the campaign
     * dimension only ever takes the values of defined journeys.
     */
    public synchronized void campaign(String id) {
        if (id == null || !CAMPAIGN.matcher(id).matches() || mixedCampaigns) {
            return;
        }
        if (campaign == null) {
            campaign = id;
        } else if (!campaign.equals(id)) {
            campaign = null;
            mixedCampaigns = true;
        }
    }

    public synchronized Optional<String> campaign() {
        return Optional.ofNullable(campaign);
    }

    /** Billed units per meter ({@link RequestMeters}). */
    public synchronized Map<String, Long> meters() {
        return Map.copyOf(meters);
    }

    /** Requests per {@code Service.Operation}. */
    public synchronized Map<String, Long> operations() {
        return Map.copyOf(operations);
    }

    public synchronized long retries() {
        return retries;
    }

    public synchronized long throttles() {
        return throttles;
    }
}
