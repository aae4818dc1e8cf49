package dev.lem.local.faults;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lem.events.LeadCaptured;
import dev.lem.events.LeadStateChanged;
import dev.lem.events.LemEvent;
import dev.lem.journey.Enrolment;
import dev.lem.journey.EnrolmentStore;
import dev.lem.json.Json;
import dev.lem.lead.EmailAddress;
import dev.lem.lead.IdentityHasher;
import dev.lem.lead.Lead;
import dev.lem.lead.LeadState;
import dev.lem.lead.LeadStore;
import dev.lem.scoring.SlaPolicy;
import dev.lem.testing.WireCapture;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Proves the run's outcome from what is stored and what went over the wire, not from what the handlers said:
 * <ul>
 *   <li>no lost lead: every accepted submission's lead is stored (by id, and it is the lead its email resolves to),
 *       and a {@code lead.captured} for it reached the bus;</li>
 *   <li>no duplicate email: per message id, and per lead × template, at most one SendEmail that SES accepted (200);</li>
 *   <li>no missing email: every lead got its welcome email, and every lead whose welcome journey has run to its end
 *       got the follow-up;</li>
 *   <li>no stuck enrolment: every lead is enrolled in the welcome journey, and an enrolment still running waits on
 *       exactly one pending schedule, set for its current run and seq.</li>
 * </ul>
 */
final class Reconciliation {

    private static final String WELCOME = "welcome";
    private static final String FORM_SUBMITTED = "form.submitted";
    private static final String EMAIL_OPEN = "email.open";
    private static final String WELCOME_TEMPLATE = "welcome";
    private static final String FOLLOW_UP_TEMPLATE = "welcome-2";

    private final WireCapture wire;
    private final LeadStore leads;
    private final IdentityHasher identity;
    private final EnrolmentStore enrolments;
    private final List<LemEvent> published;
    private final SimulatedScheduler scheduler;
    private final FaultCounts counts;
    private final FaultPlan plan;
    private final List<String> problems = new ArrayList<>();

    Reconciliation(WireCapture wire, LeadStore leads, IdentityHasher identity, EnrolmentStore enrolments, List<LemEvent> published,
                   SimulatedScheduler scheduler, FaultCounts counts, FaultPlan plan) {
        this.wire = wire;
        this.leads = leads;
        this.identity = identity;
        this.enrolments = enrolments;
        this.published = published;
        this.scheduler = scheduler;
        this.counts = counts;
        this.plan = plan;
    }

    /** An email SES accepted. */
    private record Sent(String messageId, String to, String template) {}

    FaultReport report(List<FaultReport.Submission> accepted, Instant now) {
        Set<String> captured = published.stream().filter(e -> e instanceof LeadCaptured).map(e -> ((LeadCaptured) e).leadId())
                .collect(Collectors.toSet());
        Set<String> announcedNew = published.stream().filter(e -> e instanceof LeadCaptured c && c.newLead())
                .map(e -> ((LeadCaptured) e).leadId()).collect(Collectors.toSet());
        int doubledActivities = 0;
        long opens = 0;
        int found = 0;
        int withEvent = 0;
        int lost = 0;
        for (FaultReport.Submission submission : accepted) {
            Optional<Lead> byId = leads.find(submission.leadId());
            Optional<Lead> byEmail = leads.findByEmailHash(identity.hash(EmailAddress.parse(submission.email()).orElseThrow()));
            boolean stored = byId.isPresent() && byEmail.map(l -> l.id().equals(submission.leadId())).orElse(false);
            boolean announced = captured.contains(submission.leadId().value());
            // every submission is a new address: the lead it created must be announced as new, once
            if (announced && !announcedNew.contains(submission.leadId().value())) {
                lost++;
                problems.add("lead " + submission.leadId().value() + " was created, but no lead.captured says newLead");
            }
            opens += byId.map(l -> leads.activities(l.id()).stream().filter(a -> a.type().equals(EMAIL_OPEN)).count()).orElse(0L);
            long submitted = byId.map(l -> leads.activities(l.id()).stream()
                    .filter(a -> a.type().equals(FORM_SUBMITTED)).count()).orElse(0L);
            if (submitted > 1) {
                doubledActivities += (int) (submitted - 1);
                problems.add("lead " + submission.leadId().value() + " has " + submitted + " form.submitted activities for one submission");
            }
            found += stored ? 1 : 0;
            withEvent += announced ? 1 : 0;
            if (!stored || !announced) {
                lost++;
                problems.add("lost lead " + submission.leadId().value() + (stored ? "" : ": not stored")
                        + (announced ? "" : ": no lead.captured"));
            }
        }

        int mql = 0;
        int lostMoves = 0;
        for (FaultReport.Submission submission : accepted) {
            Optional<Lead> lead = leads.find(submission.leadId());
            String id = submission.leadId().value();
            if (lead.isEmpty() || lead.get().state() != LeadState.MQL) {
                continue;
            }
            mql++;
            List<LeadStateChanged> moves = published.stream().filter(e -> e instanceof LeadStateChanged c && c.leadId().equals(id))
                    .map(LeadStateChanged.class::cast).toList();
            if (moves.stream().noneMatch(c -> !c.slaBreached() && c.to().equals(LeadState.MQL.wireName()))) {
                lostMoves++;
                problems.add("lead " + id + " is an MQL, but no lead.state-changed to mql was published");
            }
            boolean overdue = !lead.get().stateEnteredAt().plus(SlaPolicy.DEFAULT_LIMIT).isAfter(now);
            if (overdue && moves.stream().noneMatch(LeadStateChanged::slaBreached)) {
                lostMoves++;
                problems.add("lead " + id + " has been an MQL for over 48 h, but no SLA breach was published");
            }
        }

        int answered = counts.get(FaultRun.PIXEL_HITS_ANSWERED);
        int lostHits = (int) Math.max(0, answered - opens);
        if (lostHits > 0) {
            problems.add(answered + " pixel hits answered 200, but only " + opens + " email.open activities recorded");
        }
        counts.add("email.open activities recorded (pixel hits answered 200, plus hits whose invocation failed after its work)",
                (int) opens);

        List<Sent> sent = wire.exchanges(WireCapture.Service.SES_V2).stream().filter(e -> e.status() == 200)
                .map(e -> sent(e.request().json())).toList();
        int duplicates = 0;
        for (Map.Entry<String, Long> perMessage : sent.stream().collect(Collectors.groupingBy(Sent::messageId,
                Collectors.counting())).entrySet()) {
            if (perMessage.getValue() > 1) {
                duplicates += perMessage.getValue() - 1;
                problems.add("message " + perMessage.getKey() + " sent " + perMessage.getValue() + " times");
            }
        }
        Map<String, Long> perLeadTemplate = sent.stream().collect(Collectors.groupingBy(s -> s.to() + " " + s.template(),
                Collectors.counting()));
        perLeadTemplate.forEach((key, n) -> {
            if (n > 1) {
                problems.add("lead × template " + key.substring(key.indexOf(' ') + 1) + " sent " + n + " times");
            }
        });
        int perLeadDuplicates = perLeadTemplate.values().stream().mapToInt(n -> (int) (n - 1)).sum();
        duplicates = Math.max(duplicates, perLeadDuplicates);

        int missing = 0;
        int enrolled = 0;
        int stuck = 0;
        Map<String, Integer> byStatus = new HashMap<>();
        Map<String, SimulatedScheduler.Timer> pending = scheduler.pending();
        for (FaultReport.Submission submission : accepted) {
            String lead = submission.leadId().value();
            Optional<Enrolment> welcome = enrolments.find(submission.leadId(), WELCOME);
            if (perLeadTemplate.getOrDefault(submission.email() + " " + WELCOME_TEMPLATE, 0L) == 0) {
                missing++;
                problems.add("lead " + lead + " never got its welcome email");
            }
            if (welcome.isEmpty()) {
                stuck++;
                problems.add("lead " + lead + " is not enrolled in the welcome journey");
                continue;
            }
            enrolled++;
            Enrolment enrolment = welcome.get();
            byStatus.merge(enrolment.status().wireName(), 1, Integer::sum);
            if (enrolment.isActive()) {
                if (!waitsOnItsTimer(enrolment, pending)) {
                    stuck++;
                    problems.add("enrolment " + lead + " stuck at position " + enrolment.position() + " seq " + enrolment.seq()
                            + " timer " + enrolment.timer().orElse("(none)"));
                }
            } else if ((enrolment.status() == Enrolment.Status.EXITED || enrolment.status() == Enrolment.Status.COMPLETED)
                    && perLeadTemplate.getOrDefault(submission.email() + " " + FOLLOW_UP_TEMPLATE, 0L) == 0) {
                missing++;
                problems.add("lead " + lead + " finished the welcome journey without its follow-up email");
            }
        }
        Set<String> announcedSent = published.stream().filter(e -> e instanceof dev.lem.events.MessageSent)
                .map(e -> ((dev.lem.events.MessageSent) e).messageId()).collect(Collectors.toSet());
        counts.add("message.sent events not published for an accepted send (by design: a crash after the send)",
                (int) sent.stream().map(Sent::messageId).distinct().filter(id -> !announcedSent.contains(id.replace('_', '.'))).count());
        return new FaultReport(plan.seed(), plan.leads(), accepted.size(), found, withEvent, lost + lostHits, doubledActivities,
                mql, lostMoves,
                sent.size(), duplicates,
                missing, enrolled, byStatus, stuck, pending.size(), counts.snapshot(), problems);
    }

    /** Active, parked on a timer, and exactly that schedule is pending, set for this run and seq. */
    private static boolean waitsOnItsTimer(Enrolment enrolment, Map<String, SimulatedScheduler.Timer> pending) {
        if (enrolment.timer().isEmpty()) {
            return false;
        }
        SimulatedScheduler.Timer timer = pending.get(enrolment.timer().get());
        if (timer == null) {
            return false;
        }
        JsonNode step = Json.tree(timer.input());
        long forThisLead = pending.keySet().stream().filter(name -> name.startsWith(enrolment.journeyId() + "-")
                && name.endsWith(enrolment.leadId().value())).count();
        return step.path("run").asInt() == enrolment.run() && step.path("seq").asInt() == enrolment.seq() && forThisLead == 1;
    }

    private static Sent sent(JsonNode request) {
        String messageId = "";
        for (JsonNode tag : request.path("EmailTags")) {
            if (tag.path("Name").asText().equals("lem-message-id")) {
                messageId = tag.path("Value").asText();
            }
        }
        return new Sent(messageId, request.at("/Destination/ToAddresses/0").asText(),
                request.at("/Content/Template/TemplateName").asText());
    }
}
