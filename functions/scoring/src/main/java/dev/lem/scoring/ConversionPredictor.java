package dev.lem.scoring;

import dev.lem.lead.Activity;
import dev.lem.lead.Lead;
import dev.lem.lead.PredictedConversion;
import dev.lem.predict.LeadFeatures;
import dev.lem.predict.PredictiveModel;
import dev.lem.predict.Prediction;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The predictive score of a lead as scoring re-evaluates it: the configured model's calibrated probability of
 * conversion from the lead's features as of now ({@link LeadFeatures}), and — when an MQL threshold is configured —
 * whether that probability alone makes the lead MQL. Without a model it predicts nothing.
 */
public final class ConversionPredictor {

    private static final ConversionPredictor NONE = new ConversionPredictor(Optional.empty(), OptionalDouble.empty());

    private final Optional<PredictiveModel> model;
    private final OptionalDouble mqlThreshold;

    private ConversionPredictor(Optional<PredictiveModel> model, OptionalDouble mqlThreshold) {
        this.model = model;
        this.mqlThreshold = mqlThreshold;
    }

    /** No model: no prediction, no predictive MQL rule. */
    public static ConversionPredictor none() {
        return NONE;
    }

    /** @param mqlThreshold a probability in (0, 1] that makes a lead MQL, or empty for none */
    public static ConversionPredictor of(PredictiveModel model, OptionalDouble mqlThreshold) {
        Objects.requireNonNull(model, "model");
        mqlThreshold.ifPresent(t -> {
            if (!(t > 0 && t <= 1)) {
                throw new IllegalArgumentException("the predictive MQL threshold must be within (0, 1]");
            }
        });
        return new ConversionPredictor(Optional.of(model), mqlThreshold);
    }

    public Optional<PredictedConversion> predict(Lead lead, List<Activity> activities, Instant now) {
        return model.map(m -> {
            Prediction p = m.predict(LeadFeatures.of(lead, activities, now));
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
