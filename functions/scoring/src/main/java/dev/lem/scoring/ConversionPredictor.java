package dev.lem.scoring;

import dev.lem.lead.Activity;
import dev.lem.lead.Lead;
import dev.lem.lead.PredictedConversion;
import dev.lem.predict.CurrentModel;
import dev.lem.predict.LeadFeatures;
import dev.lem.predict.ModelRegistry;
import dev.lem.predict.PredictiveModel;
import dev.lem.predict.Prediction;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The predictive score of a lead as scoring re-evaluates it: the configured model's calibrated probability of
 * conversion from the lead's features as of now ({@link LeadFeatures}) and today's context ({@link ContextSource}), and — when an MQL threshold is configured —
 * whether that probability alone makes the lead MQL. Without a model it predicts nothing.
 */
public final class ConversionPredictor {

    private static final ConversionPredictor NONE = new ConversionPredictor(now -> Optional.empty(), OptionalDouble.empty(),
            ContextSource.NONE);

    /** Where the model comes from at a given time: a fixed one, or the registry's current one ({@link CurrentModel}). */
    @FunctionalInterface
    public interface ModelSource {
        Optional<PredictiveModel> at(Instant now);
    }

    /** The {@link dev.lem.predict.OutcomeContext} features at a given time ({@link RecentOutcomes}); none by default. */
    @FunctionalInterface
    public interface ContextSource {
        ContextSource NONE = now -> Map.of();

        Map<String, String> at(Instant now);
    }

    private final ModelSource model;
    private final OptionalDouble mqlThreshold;
    private final ContextSource context;

    private ConversionPredictor(ModelSource model, OptionalDouble mqlThreshold, ContextSource context) {
        this.model = model;
        this.mqlThreshold = mqlThreshold;
        this.context = context;
    }

    /** No model: no prediction, no predictive MQL rule. */
    public static ConversionPredictor none() {
        return NONE;
    }

    /** @param mqlThreshold a probability in (0, 1] that makes a lead MQL, or empty for none */
    public static ConversionPredictor of(PredictiveModel model, OptionalDouble mqlThreshold) {
        Objects.requireNonNull(model, "model");
        Optional<PredictiveModel> fixed = Optional.of(model);
        return from(now -> fixed, mqlThreshold);
    }

    /** The model of {@code source} at each prediction's time (none while the source has none: no prediction). */
    public static ConversionPredictor from(ModelSource source, OptionalDouble mqlThreshold) {
        Objects.requireNonNull(source, "source");
        mqlThreshold.ifPresent(t -> {
            if (!(t > 0 && t <= 1)) {
                throw new IllegalArgumentException("the predictive MQL threshold must be within (0, 1]");
            }
        });
        return new ConversionPredictor(source, mqlThreshold, ContextSource.NONE);
    }

    /**
     * This predictor with the context features of {@code context} added to every prediction's input; the context is
     * asked only when there is a model to predict with.
     */
    public ConversionPredictor withContext(ContextSource context) {
        return new ConversionPredictor(model, mqlThreshold, Objects.requireNonNull(context, "context"));
    }

    /** The published model of {@code registry}, loaded now and looked up again at most every {@code refresh}. */
    public static ConversionPredictor fromRegistry(ModelRegistry registry, Duration refresh, OptionalDouble mqlThreshold,
                                                   Instant now) {
        return from(new CurrentModel(registry, refresh, now)::at, mqlThreshold);
    }

    public Optional<PredictedConversion> predict(Lead lead, List<Activity> activities, Instant now) {
        return model.at(now).map(m -> {
            Prediction p = m.predict(LeadFeatures.withContext(LeadFeatures.of(lead, activities, now), context.at(now)));
            return new PredictedConversion(p.probability(), p.modelVersion(), p.topFeatures().stream()
                    .map(c -> new PredictedConversion.Feature(c.feature(), c.logOdds())).toList(), now);
        });
    }

    /** Why the prediction makes the lead MQL ({@code "predicted 0.42 >= 0.3 (model v7)"}), if it does. */
    public Optional<String> mqlReached(Optional<PredictedConversion> prediction) {
        if (mqlThreshold.isEmpty() || prediction.isEmpty()
                || prediction.get().probability() < mqlThreshold.getAsDouble()) {
            return Optional.empty();
        }
        return Optional.of(String.format(Locale.ROOT, "predicted %.3f >= %s (model %s)",
                prediction.get().probability(), mqlThreshold.getAsDouble(), prediction.get().modelVersion()));
    }
}
