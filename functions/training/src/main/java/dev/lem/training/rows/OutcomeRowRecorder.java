package dev.lem.training.rows;

import dev.lem.events.LeadOutcome;
import dev.lem.lead.Lead;
import dev.lem.lead.LeadId;
import dev.lem.lead.LeadStore;
import dev.lem.predict.LeadFeatures;
import dev.lem.predict.OutcomeContext;
import dev.lem.predict.OutcomeTallies;
import dev.lem.predict.TrainingRow;
import dev.lem.predict.TrainingRows;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Consumer of {@code lead.outcome}: writes one training row per outcome — the lead's features as they stood at the
 * outcome ({@link LeadFeatures}: profile fields but not names, emails or phones; attribution; activity aggregates up to
 * then) and how conversion was going before the outcome's UTC day ({@link OutcomeContext}, from the daily tallies of
 * the {@value OutcomeContext#PRIOR_DAYS} days before it; nothing of that day or later), and the outcome as the label —
 * under the outcome's ISO week, so training reads weeks by Query and never scans. Storing the row also counts the
 * outcome in its day's tally. Idempotent per outcome id (a redelivered event finds its row and changes nothing, the
 * tally included). The lead id is not stored: the row
 * is anonymous, and erasing a lead leaves nothing personal behind in it.
 */
public final class OutcomeRowRecorder {

    private static final Logger LOG = LoggerFactory.getLogger(OutcomeRowRecorder.class);

    /** What became of one outcome. */
    public enum Result { STORED, DUPLICATE, UNKNOWN_LEAD }

    private final LeadStore leads;
    private final TrainingRows rows;
    private final OutcomeTallies tallies;

    /** @param tallies the daily tallies {@code rows} keeps ({@link TrainingRows#add} counts each row stored) */
    public OutcomeRowRecorder(LeadStore leads, TrainingRows rows, OutcomeTallies tallies) {
        this.leads = leads;
        this.rows = rows;
        this.tallies = tallies;
    }

    public Result record(LeadOutcome outcome) {
        Optional<Lead> lead = leads.find(new LeadId(outcome.leadId()));
        if (lead.isEmpty()) {
            // erased (or never captured here) between the report and now: nothing to learn from
            LOG.info("event=training-row-skipped outcomeId={} reason=unknown-lead", outcome.eventId());
            return Result.UNKNOWN_LEAD;
        }
        LocalDate day = OutcomeTallies.dayOf(outcome.occurredAt());
        Map<String, String> features = LeadFeatures.withContext(
                LeadFeatures.of(lead.get(), leads.activities(lead.get().id()), outcome.occurredAt()),
                OutcomeContext.features(day, tallies.before(day)));
        TrainingRow row = new TrainingRow(outcome.eventId(), outcome.occurredAt(), outcome.outcome(), features);
        boolean stored = rows.add(row);
        LOG.info("event=training-row outcomeId={} week={} outcome={} features={} stored={}", row.outcomeId(),
                row.week(), row.outcome(), row.features().size(), stored);
        return stored ? Result.STORED : Result.DUPLICATE;
    }
}
