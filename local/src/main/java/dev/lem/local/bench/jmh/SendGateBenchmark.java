package dev.lem.local.bench.jmh;

import dev.lem.lead.Consent;
import dev.lem.lead.EmailAddress;
import dev.lem.lead.IdentityHasher;
import dev.lem.lead.Lead;
import dev.lem.lead.LeadId;
import dev.lem.lead.LeadState;
import dev.lem.messaging.Channel;
import dev.lem.messaging.MessageCategory;
import dev.lem.messaging.NotifyMessage;
import dev.lem.messaging.Suppression;
import dev.lem.messaging.SuppressionReason;
import dev.lem.notify.GateDecision;
import dev.lem.notify.GatePolicy;
import dev.lem.notify.QuietHours;
import dev.lem.notify.Recipients;
import dev.lem.notify.SendGate;
import dev.lem.testing.fakes.InMemoryFrequencyCaps;
import dev.lem.testing.fakes.InMemorySuppressionList;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The notifications send gate on a marketing email that passes every check — the longest path: address, suppression
 * lookup (10 000 other addresses suppressed), consent, topic, quiet hours in the lead's time zone, and the daily and
 * weekly cap reservation. 4 096 leads in four time zones; every message has its own id; the caps are high enough
 * that every decision is a send.
 */
@State(Scope.Thread)
public class SendGateBenchmark {

    private static final int LEADS = 4096;
    private static final Instant NOON_UTC = Instant.parse("2026-11-23T12:00:00Z");
    private static final String[] ZONES = {"Europe/Dublin", "Europe/Berlin", "Asia/Dubai", "UTC"};

    private SendGate gate;
    private Lead[] leads;
    private long next;

    @Setup(Level.Iteration)
    public void setUp() {
        IdentityHasher hasher = new IdentityHasher("identity-benchmark-key-32-bytes!!".getBytes(StandardCharsets.UTF_8));
        InMemorySuppressionList suppressions = new InMemorySuppressionList();
        for (int i = 0; i < 10_000; i++) {
            suppressions.suppress(new Suppression(hasher.hash(new EmailAddress("gone" + i + "@example.com")),
                    SuppressionReason.UNSUBSCRIBE, NOON_UTC));
        }
        gate = new SendGate(new Recipients(hasher), suppressions, new InMemoryFrequencyCaps(),
                new GatePolicy(1_000_000, 1_000_000, QuietHours.parse("21:00-08:00"), ZoneId.of("UTC")));
        leads = new Lead[LEADS];
        for (int i = 0; i < LEADS; i++) {
            EmailAddress email = new EmailAddress("lead" + i + "@example.com");
            leads[i] = new Lead(LeadId.random(), hasher.hash(email), email,
                    Map.of(GatePolicy.TIME_ZONE_FIELD, ZONES[i % ZONES.length]), LeadState.LEAD, NOON_UTC, 40,
                    Map.of("email", new Consent(true, "v1", NOON_UTC)), NOON_UTC, NOON_UTC, 1);
        }
    }

    @Benchmark
    public GateDecision decide() {
        long n = next++;
        Lead lead = leads[(int) (n & (LEADS - 1))];
        GateDecision decision = gate.decide(lead, new NotifyMessage("nurture.1." + n, lead.id(), Channel.EMAIL,
                MessageCategory.MARKETING, "nurture", "nurture", Map.of("topic", "newsletter")), NOON_UTC);
        if (!(decision instanceof GateDecision.Send)) {
            throw new IllegalStateException("the gate did not send: " + decision.reason());
        }
        return decision;
    }
}
