package dev.lem.lead;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Where a lead stands besides its lifecycle state (which lives on the {@link Lead}): its score under each
 * score model with the explanation, its contact status, and the names of the one-shot timers pending for it
 * (the decay re-evaluation and the SLA timer). Written together with the lead, conditional on both versions.
 *
 * @param version    0 when nothing is stored yet; incremented on every write
 * @param lastCause  the id of what caused the last write (activity, timer, move)
 * @param lastEvents the events that write published (opaque JSON of the writer), republished under the same ids
 *                   when the same cause is delivered again, in case they were lost after the write
 * @param prediction the predictive score of the last write, when a predictive model is configured
 */
public record LeadStanding(LeadId leadId, Map<String, ModelScore> scores, ContactStatus contactStatus,
                           Optional<String> decayTimer, Optional<String> slaTimer, long version,
                           Optional<String> lastCause, Optional<String> lastEvents,
                           Optional<PredictedConversion> prediction) {

    public LeadStanding {
        prediction = Objects.requireNonNullElse(prediction, Optional.empty());
        Objects.requireNonNull(leadId, "leadId");
        scores = Map.copyOf(scores);
        Objects.requireNonNull(contactStatus, "contactStatus");
        decayTimer = Objects.requireNonNullElse(decayTimer, Optional.empty());
        slaTimer = Objects.requireNonNullElse(slaTimer, Optional.empty());
        lastCause = Objects.requireNonNullElse(lastCause, Optional.empty());
        lastEvents = Objects.requireNonNullElse(lastEvents, Optional.empty());
    }

    /** A standing without a prediction. */
    public LeadStanding(LeadId leadId, Map<String, ModelScore> scores, ContactStatus contactStatus,
                        Optional<String> decayTimer, Optional<String> slaTimer, long version,
                        Optional<String> lastCause, Optional<String> lastEvents) {
        this(leadId, scores, contactStatus, decayTimer, slaTimer, version, lastCause, lastEvents, Optional.empty());
    }

    /** A standing without a record of its last cause. */
    public LeadStanding(LeadId leadId, Map<String, ModelScore> scores, ContactStatus contactStatus,
                        Optional<String> decayTimer, Optional<String> slaTimer, long version) {
        this(leadId, scores, contactStatus, decayTimer, slaTimer, version, Optional.empty(), Optional.empty());
    }

    /** A lead nothing has been stored for yet. */
    public static LeadStanding initial(LeadId leadId) {
        return new LeadStanding(leadId, Map.of(), ContactStatus.PROSPECT, Optional.empty(), Optional.empty(), 0);
    }

    /** Scores by model name, sorted. */
    public Map<String, ModelScore> sortedScores() {
        return new TreeMap<>(scores);
    }

    public Optional<Instant> evaluatedAt() {
        return scores.values().stream().map(ModelScore::evaluatedAt).max(Instant::compareTo);
    }

    public LeadStanding withScores(Map<String, ModelScore> newScores) {
        return new LeadStanding(leadId, newScores, contactStatus, decayTimer, slaTimer, version, lastCause, lastEvents, prediction);
    }

    public LeadStanding withContactStatus(ContactStatus status) {
        return new LeadStanding(leadId, scores, status, decayTimer, slaTimer, version, lastCause, lastEvents, prediction);
    }

    public LeadStanding withDecayTimer(Optional<String> timer) {
        return new LeadStanding(leadId, scores, contactStatus, timer, slaTimer, version, lastCause, lastEvents, prediction);
    }

    public LeadStanding withSlaTimer(Optional<String> timer) {
        return new LeadStanding(leadId, scores, contactStatus, decayTimer, timer, version, lastCause, lastEvents, prediction);
    }

    public LeadStanding withLast(String cause, String eventsJson) {
        return new LeadStanding(leadId, scores, contactStatus, decayTimer, slaTimer, version, Optional.of(cause),
                Optional.of(eventsJson), prediction);
    }

    public LeadStanding withPrediction(Optional<PredictedConversion> newPrediction) {
        return new LeadStanding(leadId, scores, contactStatus, decayTimer, slaTimer, version, lastCause, lastEvents,
                newPrediction);
    }
}
