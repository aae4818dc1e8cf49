package dev.lem.cost;

import java.util.Optional;

/**
 * The meter of the invocation running on this thread. A handler opens one per invocation; the SDK
 * interceptor and the local stand-ins for AWS services count into it. Calls made outside an invocation
 * (a cold start's init) are not counted.
 */
public final class Metering {

    private static final ThreadLocal<UsageMeter> CURRENT = new ThreadLocal<>();

    private Metering() {}

    public static Optional<UsageMeter> current() {
        return Optional.ofNullable(CURRENT.get());
    }

    /** Makes {@code meter} current on this thread until the returned scope closes (which restores the outer one). */
    public static Scope open(UsageMeter meter) {
        UsageMeter outer = CURRENT.get();
        CURRENT.set(meter);
        return () -> {
            if (outer == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(outer);
            }
        };
    }

    /** Attributes the current invocation to a campaign (journey id); no-op outside an invocation. */
    public static void campaign(String id) {
        current().ifPresent(meter -> meter.campaign(id));
    }

    /** Counts one request on the current meter; for local stand-ins of AWS services that do not go through the SDK. */
    public static void request(String service, String operation, int quantity) {
        current().ifPresent(meter -> meter.request(service, operation, false, quantity));
    }

    /** An open metering scope. */
    public interface Scope extends AutoCloseable {
        @Override
        void close();
    }
}
