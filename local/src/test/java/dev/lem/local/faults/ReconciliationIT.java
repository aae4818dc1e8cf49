package dev.lem.local.faults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lem.aws.AwsClients;
import dev.lem.events.LeadCaptured;
import dev.lem.journey.Enrolment;
import dev.lem.lead.EmailAddress;
import dev.lem.lead.IdentityHasher;
import dev.lem.lead.Lead;
import dev.lem.lead.LeadId;
import dev.lem.lead.LeadState;
import dev.lem.testing.WireCapture;
import dev.lem.testing.fakes.InMemoryEnrolmentStore;
import dev.lem.testing.fakes.InMemoryLeadStore;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sesv2.SesV2Client;

/** The reconciliation finds each kind of violation from the stores and the wire, whatever the handlers claimed. */
class ReconciliationIT {

    private static final Instant NOW = Instant.parse("2026-11-23T09:00:00Z");
    private static final IdentityHasher IDENTITY = new IdentityHasher(new byte[32]);
    private static final LeadId LEAD = new LeadId("0b7e6a52-3c2d-4f8e-9a1b-5d6c7e8f9a0b");
    private static final String EMAIL = "ada@example.com";

    private final WireCapture wire = WireCapture.start();
    private final SesV2Client ses = AwsClients.sesV2(wire.awsConfig());
    private final InMemoryLeadStore leads = new InMemoryLeadStore();
    private final InMemoryEnrolmentStore enrolments = new InMemoryEnrolmentStore();

    @AfterEach
    void stop() {
        ses.close();
        wire.close();
    }

    @Test
    void report_whenAnEmailWentTwiceAndTheEnrolmentWaitsOnNoTimer_countsADuplicateAndAStuckEnrolment() {
        leads.create(new Lead(LEAD, IDENTITY.hash(EmailAddress.parse(EMAIL).orElseThrow()), null, Map.of(), LeadState.LEAD,
                NOW, 0, Map.of(), NOW, NOW, 0));
        enrolments.create(new Enrolment(LEAD, "welcome", 1, 1, "capture-r1", Enrolment.Status.ACTIVE, 3, 1,
                Optional.of("welcome-3-" + LEAD.value()), NOW, NOW, Map.of(), Map.of()), Optional.empty());
        send("welcome");
        send("welcome");

        FaultReport report = reconcile(List.of(new LeadCaptured("capture-r1", NOW, LEAD.value(), "demo", true, "lead", true)));

        assertThat(report.lostLeads()).isZero();
        assertThat(report.emailsAccepted()).isEqualTo(2);
        assertThat(report.duplicateEmails()).isEqualTo(1);
        assertThat(report.stuckEnrolments()).isEqualTo(1);
        assertThat(report.clean()).isFalse();
        assertThat(report.problems()).anyMatch(p -> p.contains("sent 2 times")).anyMatch(p -> p.contains("stuck at position 3"));
    }

    @Test
    void report_whenTheLeadIsStoredButItsCaptureWasNeverPublished_countsItLostAndItsWelcomeMissing() {
        leads.create(new Lead(LEAD, IDENTITY.hash(EmailAddress.parse(EMAIL).orElseThrow()), null, Map.of(), LeadState.LEAD,
                NOW, 0, Map.of(), NOW, NOW, 0));

        FaultReport report = reconcile(List.of());

        assertThat(report.lostLeads()).isEqualTo(1);
        assertThat(report.missingEmails()).isEqualTo(1);
        assertThat(report.stuckEnrolments()).as("not even enrolled").isEqualTo(1);
        assertThat(report.problems()).anyMatch(p -> p.contains("no lead.captured"));
    }

    private FaultReport reconcile(List<dev.lem.events.LemEvent> published) {
        return new Reconciliation(wire, leads, IDENTITY, enrolments, published, new SimulatedScheduler(wire), new FaultCounts(),
                FaultPlan.of(1, 1)).report(List.of(new FaultReport.Submission(EMAIL, LEAD, false)), NOW);
    }

    private void send(String template) {
        ses.sendEmail(r -> r.fromEmailAddress("hello@lem.example.com").destination(d -> d.toAddresses(EMAIL))
                .content(c -> c.template(t -> t.templateName(template).templateData("{}")))
                .emailTags(tag -> tag.name("lem-message-id").value(template + "_1_" + LEAD.value())));
    }
}
