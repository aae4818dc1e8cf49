package dev.lem.notify;

import dev.lem.lead.LeadErasure;
import dev.lem.lead.LeadId;
import dev.lem.messaging.Channel;
import dev.lem.messaging.Suppression;
import dev.lem.messaging.SuppressionList;
import dev.lem.messaging.SuppressionReason;
import dev.lem.schedule.StepScheduler;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Erases a lead (right to erasure): its addresses' hashes go on the suppression list ({@code erasure}) so that it is
 * never contacted again, its pending timers are cancelled (the ones remembered with it, and the drip steps of every
 * campaign it is enrolled in), then every item about it is deleted: the lead with its PII, activity, enrolments,
 * counters and email identity. Each step is idempotent, so a retry after a failure finishes the job.
 */
public final class ErasureService {

    private static final Logger LOG = LoggerFactory.getLogger(ErasureService.class);
    public enum Result { ERASED, NOT_FOUND }

    private final LeadErasure erasure;
    private final SuppressionList suppressions;
    private final Recipients recipients;
    private final StepScheduler timers;
    private final Clock clock;

    public ErasureService(LeadErasure erasure, SuppressionList suppressions, Recipients recipients, StepScheduler timers,
                          Clock clock) {
        this.erasure = erasure;
        this.suppressions = suppressions;
        this.recipients = recipients;
        this.timers = timers;
        this.clock = clock;
    }

    public Result erase(LeadId leadId) {
        Optional<LeadErasure.Footprint> found = erasure.footprint(leadId);
        if (found.isEmpty()) {
            return Result.NOT_FOUND;
        }
        LeadErasure.Footprint footprint = found.get();
        Instant now = clock.instant();
        for (Channel channel : new Channel[] {Channel.EMAIL, Channel.SMS}) {
            recipients.of(footprint.lead(), channel).ifPresent(r ->
                    suppressions.suppress(new Suppression(r.addressHash(), SuppressionReason.ERASURE, now)));
        }
        Set<String> names = new LinkedHashSet<>(footprint.timerNames());
        names.forEach(timers::cancel);
        erasure.deleteAll(footprint.lead());
        LOG.info("lead erased leadId={} items={} timersCancelled={}", leadId, footprint.items(), names.size());
        return Result.ERASED;
    }
}
