package dev.lem.local.faults;

import dev.lem.lead.LeadId;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a fault run did and what the reconciliation found. {@link #clean()} when no lead was lost, no email sent
 * twice or not at all, and no enrolment is stuck; {@code problems} names each violation.
 */
public record FaultReport(long seed, int leadsPlanned, int submissionsAccepted, int leadsFound, int leadCapturedPublished,
                          int lostLeads, int duplicateActivities, int mqlLeads, int lostStateChanges, int emailsAccepted, int duplicateEmails, int missingEmails, int enrolments,
                          Map<String, Integer> enrolmentsByStatus, int stuckEnrolments, int pendingTimers,
                          Map<String, Integer> counts, List<String> problems) {

    /** An accepted submission (201), the lead id the client was given, and whether the workload made it a hot lead. */
    public record Submission(String email, LeadId leadId, boolean hot) {}

    public FaultReport {
        enrolmentsByStatus = Map.copyOf(enrolmentsByStatus);
        counts = Map.copyOf(counts);
        problems = List.copyOf(problems);
    }

    public boolean clean() {
        return lostLeads == 0 && duplicateActivities == 0 && lostStateChanges == 0 && duplicateEmails == 0 && missingEmails == 0 && stuckEnrolments == 0;
    }

    public int injected() {
        return counts.entrySet().stream().filter(e -> e.getKey().startsWith("injected:")).mapToInt(Map.Entry::getValue).sum();
    }

    public void print(PrintStream out) {
        out.printf(Locale.ROOT, "fault injection, seed %d: %d leads submitted, %d accepted%n", seed, leadsPlanned,
                submissionsAccepted);
        out.println("faults injected and what they caused:");
        new java.util.TreeMap<>(counts).forEach((name, n) -> out.printf(Locale.ROOT, "  %-78s %7d%n", name, n));
        out.println("reconciliation:");
        out.printf(Locale.ROOT, "  leads: %d accepted, %d found by id and by email, %d with a lead.captured; lost (a lead, its lead.captured"
                + " or newLead, an answered pixel hit): %d%n",
                submissionsAccepted, leadsFound, leadCapturedPublished, lostLeads);
        out.printf(Locale.ROOT, "  activities: form.submitted recorded more than once for one submission: %d%n", duplicateActivities);
        out.printf(Locale.ROOT, "  lifecycle: %d leads reached MQL; a move to MQL or its SLA breach (48 h) without its lead.state-changed: %d%n",
                mqlLeads, lostStateChanges);
        out.printf(Locale.ROOT, "  emails: %d SendEmail calls accepted by SES; duplicates (per message id, per lead × template): %d;"
                + " missing: %d%n", emailsAccepted, duplicateEmails, missingEmails);
        out.printf(Locale.ROOT, "  enrolments: %d %s; stuck: %d; timers still pending after the horizon: %d%n", enrolments,
                new java.util.TreeMap<>(enrolmentsByStatus), stuckEnrolments, pendingTimers);
        problems.stream().limit(20).forEach(p -> out.println("  PROBLEM " + p));
        out.println(clean() ? "RESULT: 0 lost leads, 0 duplicate emails, 0 stuck enrolments"
                : "RESULT: FAILED (" + problems.size() + " problems)");
    }
}
