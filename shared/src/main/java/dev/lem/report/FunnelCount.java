package dev.lem.report;

import java.time.LocalDate;
import java.util.Objects;

/**
 * One funnel counter: on {@code day} (UTC), under attribution {@code model}, for leads whose touch had this
 * campaign, source and form, the {@code metric} happened once more. Unknown dimensions are {@link #NONE}.
 *
 * @param metric {@code <from>><to>} for a lifecycle transition (a new lead is {@code anonymous><state>}),
 *               {@code sla><state>} for an SLA breach
 */
public record FunnelCount(LocalDate day, AttributionModel model, String campaign, String source, String form,
                          String metric) {

    /** The value of a dimension nobody recorded (direct traffic, a lead without attribution). */
    public static final String NONE = "(none)";
    public static final String TRANSITION = ">";
    public static final String SLA_PREFIX = "sla>";

    public FunnelCount {
        Objects.requireNonNull(day, "day");
        Objects.requireNonNull(model, "model");
        campaign = orNone(campaign);
        source = orNone(source);
        form = orNone(form);
        Objects.requireNonNull(metric, "metric");
    }

    public static String transition(String from, String to) {
        return from + TRANSITION + to;
    }

    public static String orNone(String value) {
        return value == null || value.isBlank() ? NONE : value;
    }
}
