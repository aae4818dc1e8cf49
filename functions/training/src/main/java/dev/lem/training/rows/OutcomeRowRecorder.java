package dev.lem.training.rows;

import dev.lem.events.LeadOutcome;
import dev.lem.lead.Lead;
import dev.lem.lead.LeadId;
import dev.lem.lead.LeadStore;
import dev.lem.predict.LeadFeatures;
import dev.lem.predict.TrainingRow;
import dev.lem.predict.TrainingRows;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Consumer of {@code lead.outcome}: writes one training row per outcome — the lead's features as they stood at the
 * outcome ({@link LeadFeatures}: profile fields but not names, emails or phones; attribution; activity aggregates up to
 * then) and the outcome as the label — under the outcome's ISO week, so training reads weeks by Query and never scans.
 * Idempotent per outcome id (a redelivered event finds its row and does nothing). The lead id is not stored: the row
 * is anonymous, and erasing a lead leaves nothing personal behind in it.
 */
public final class OutcomeRowRecorder {

    private static final Logger LOG = LoggerFactory.getLogger(OutcomeRowRecorder.class);

    /** What became of one outcome. */
    public enum Result { STORED, DUPLICATE, UNKNOWN_LEAD }

    private final LeadStore leads;
    private final TrainingRows rows;

    public OutcomeRowRecorder(LeadStore leads, TrainingRows rows) {
        this.leads = leads;
        this.rows = rows;
    }

    public Result record(LeadOutcome outcome) {
        Optional<Lead> lead = leads.find(new LeadId(outcome.leadId()));
        if (lead.isEmpty()) {
            // erased (or never captured here) between the report and now: nothing to learn from
            LOG.info("event=training-row-skipped outcomeId={} reason=unknown-lead", outcome.eventId());
            return Result.UNKNOWN_LEAD;
        }
        TrainingRow row = new TrainingRow(outcome.eventId(), outcome.occurredAt(), outcome.outcome(),
                LeadFeatures.of(lead.get(), leads.activities(lead.get().id()), outcome.occurredAt()));
        boolean stored = rows.add(row);
        LOG.info("event=training-row outcomeId={} week={} outcome={} features={} stored={}", row.outcomeId(),
                row.week(), row.outcome(), row.features().size(), stored);
        return stored ? Result.STORED : Result.DUPLICATE;
    }
}
