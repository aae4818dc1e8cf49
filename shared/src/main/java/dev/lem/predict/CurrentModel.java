package dev.lem.predict;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The published model as a long-lived function sees it: loaded at cold start, then looked up again at most every
 * {@code refresh} (one small read of the pointer; the model itself is downloaded only when its version changed).
 * When the registry cannot be read, the model held so far stays in use (none at a cold start: no prediction), and the
 * next call after {@code refresh} tries again. Safe for one thread per instance, as a Lambda handler is.
 */
public final class CurrentModel {

    private static final Logger LOG = LoggerFactory.getLogger(CurrentModel.class);

    private final ModelRegistry registry;
    private final Duration refresh;
    private Optional<PredictiveModel> model = Optional.empty();
    private Instant checkedAt;

    public CurrentModel(ModelRegistry registry, Duration refresh, Instant now) {
        if (refresh.isNegative() || refresh.isZero()) {
            throw new IllegalArgumentException("the model refresh interval must be positive");
        }
        this.registry = registry;
        this.refresh = refresh;
        check(now);
    }

    /** The model to predict with at {@code now}, after a lookup if the last one is {@code refresh} old. */
    public Optional<PredictiveModel> at(Instant now) {
        if (!now.isBefore(checkedAt.plus(refresh))) {
            check(now);
        }
        return model;
    }

    private void check(Instant now) {
        checkedAt = now;
        try {
            Optional<String> version = registry.currentVersion();
            if (version.isEmpty()) {
                if (model.isPresent()) {
                    LOG.warn("event=model-pointer-gone keeping={}", model.get().version());
                }
                return;
            }
            if (model.isPresent() && model.get().version().equals(version.get())) {
                return;
            }
            model = registry.current();
            model.ifPresent(m -> LOG.info("event=model-loaded version={}", m.version()));
        } catch (RuntimeException unreadable) {
            LOG.warn("event=model-unavailable keeping={} reason={}", model.map(PredictiveModel::version).orElse("none"),
                    unreadable.toString());
        }
    }
}
