package dev.lem.messaging;

import java.util.Optional;

/** The global suppression list, by address hash. The first reason recorded for an address stays. */
public interface SuppressionList {

    Optional<Suppression> find(String addressHash);

    /** Adds the address; adding one already suppressed changes nothing (redelivery-safe). */
    void suppress(Suppression suppression);

    /**
     * Removes the address's entry only when it was suppressed for {@code reason} (a lead who unsubscribed opts in
     * again on the preference page; bounces, complaints and erasures stay).
     *
     * @return true when the address is no longer suppressed
     */
    boolean lift(String addressHash, SuppressionReason reason);
}
