package dev.lem.local.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The CI smoke version of {@code lem bench faults}: a small workload under every kind of fault, with a fixed seed, must
 * reconcile to 0 lost leads, 0 duplicate emails and 0 stuck enrolments. Correctness only: nothing here is timed.
 */
class FaultInjectionIT {

    private static final int LEADS = 6;
    /** A seed whose first SES and first Scheduler calls are throttled (the throttling draws are per service). */
    private static final long SEED = 8;

    @Test
    void run_underEveryKindOfFault_losesNoLeadSendsNoEmailTwiceAndLeavesNoEnrolmentStuck() {
        ByteArrayOutputStream progress = new ByteArrayOutputStream();

        FaultReport report = FaultRun.run(FaultPlan.of(LEADS, SEED), new PrintStream(progress, true, StandardCharsets.UTF_8));

        report.print(new PrintStream(progress, true, StandardCharsets.UTF_8));
        String printed = progress.toString(StandardCharsets.UTF_8);
        assertThat(report.problems()).as(printed).isEmpty();
        assertThat(report.clean()).isTrue();
        // the faults really happened: each kind at least once
        assertThat(report.counts()).as(printed)
                .hasEntrySatisfying("injected: crash between store write and event publish", n -> assertThat(n).isPositive())
                .hasEntrySatisfying("injected: throttled SES SendEmail call", n -> assertThat(n).isPositive())
                .hasEntrySatisfying("injected: throttled Scheduler call", n -> assertThat(n).isPositive())
                .hasEntrySatisfying("calls answered by Scheduler (throttled or not)", n -> assertThat(n).isPositive())
                .hasEntrySatisfying("duplicate deliveries (SCORING)", n -> assertThat(n).isPositive())
                .hasEntrySatisfying("duplicate deliveries (NOTIFICATIONS)", n -> assertThat(n).isPositive())
                .hasEntrySatisfying("duplicate deliveries (ROUTER)", n -> assertThat(n).isPositive());
        assertThat(report.counts().keySet()).as(printed)
                .anyMatch(k -> k.startsWith("injected: handler failure before work"))
                .anyMatch(k -> k.startsWith("injected: handler failure after work"))
                .anyMatch(k -> k.startsWith("redeliveries ("));
        // and the workload ran to its end: every lead captured, welcomed, followed up two days later, journey over
        assertThat(report.submissionsAccepted()).isEqualTo(LEADS);
        assertThat(report.leadsFound()).isEqualTo(LEADS);
        assertThat(report.emailsAccepted()).isEqualTo(2 * LEADS);
        assertThat(report.enrolmentsByStatus()).containsExactly(java.util.Map.entry("exited", LEADS));
        // the hot leads (every third) reached MQL, and their SLA timers fired through the scoring queue
        assertThat(report.mqlLeads()).isPositive();
        assertThat(report.lostStateChanges()).isZero();
        assertThat(report.counts()).as(printed)
                .hasEntrySatisfying("timer firings (scoring, to the activity queue)", n -> assertThat(n).isPositive());
        assertThat(printed).contains("RESULT: 0 lost leads, 0 duplicate emails, 0 stuck enrolments");
    }
}
