package dev.lem.scoring;

import dev.lem.config.ConfigException;
import dev.lem.lead.LeadState;
import dev.lem.lead.Lifecycle;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/** How long sales may leave a lead in an SLA state (MQL, SQL) before the SLA is breached; 48 h by default. */
public record SlaPolicy(Map<LeadState, Duration> limits) {

    public static final Duration DEFAULT_LIMIT = Duration.ofHours(48);
    public static final SlaPolicy DEFAULT = new SlaPolicy(Map.of(LeadState.MQL, DEFAULT_LIMIT, LeadState.SQL, DEFAULT_LIMIT));

    public SlaPolicy {
        limits = Map.copyOf(limits);
    }

    public Optional<Duration> limit(LeadState state) {
        return Optional.ofNullable(limits.get(state));
    }

    /**
     * {@code mql=PT48H,sql=PT24H}: per SLA state an ISO-8601 duration; states not listed keep 48 h; blank: defaults.
     *
     * @throws ConfigException naming the entry that is wrong
     */
    public static SlaPolicy parse(String spec) {
        Map<LeadState, Duration> limits = new EnumMap<>(DEFAULT.limits());
        if (spec == null || spec.isBlank()) {
            return DEFAULT;
        }
        for (String entry : spec.split(",")) {
            String[] pair = entry.trim().split("=", 2);
            if (pair.length != 2) {
                throw new ConfigException("SLA entry '" + entry.trim() + "' is not state=duration");
            }
            LeadState state;
            try {
                state = LeadState.fromWireName(pair[0].trim());
            } catch (IllegalArgumentException e) {
                throw new ConfigException("SLA entry '" + entry.trim() + "': unknown state");
            }
            if (!Lifecycle.WITH_SLA.contains(state)) {
                throw new ConfigException("SLA entry '" + entry.trim() + "': only mql and sql have an SLA");
            }
            try {
                Duration limit = Duration.parse(pair[1].trim());
                if (limit.isNegative() || limit.isZero()) {
                    throw new ConfigException("SLA entry '" + entry.trim() + "': the duration must be positive");
                }
                limits.put(state, limit);
            } catch (DateTimeParseException e) {
                throw new ConfigException("SLA entry '" + entry.trim() + "': not an ISO-8601 duration such as PT48H");
            }
        }
        return new SlaPolicy(limits);
    }
}
