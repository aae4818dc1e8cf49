package dev.lem.messaging;

import java.util.Optional;

/** The global suppression list, by address hash. The first reason recorded for an address stays. */
public interface SuppressionList {

    Optional<Suppression> find(String addressHash);

    /** Adds the address; adding one already suppressed changes nothing (redelivery-safe). */
    void suppress(Suppression suppression);
}
