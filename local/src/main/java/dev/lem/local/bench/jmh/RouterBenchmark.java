package dev.lem.local.bench.jmh;

import dev.lem.events.LeadCaptured;
import dev.lem.lead.LeadId;
import dev.lem.routing.RoutingService;
import dev.lem.routing.RoutingService.Routing;
import dev.lem.testing.fakes.JourneyFakes;
import java.time.Instant;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The router on a {@code lead.captured} event for a new lead: match the event against every shipped journey's
 * entry pattern (event-ruler), enrol the lead in the welcome journey and run its first steps (the welcome email to
 * the notify queue, the two-day wait to the scheduler) — journeys, enrolments, leads, queue and scheduler in memory
 * ({@link JourneyFakes}).
 */
@State(Scope.Thread)
public class RouterBenchmark {

    private static final Instant NOW = Instant.parse("2026-11-23T10:15:31Z");

    private JourneyFakes fakes;
    private RoutingService router;
    private long next;

    @Setup(Level.Iteration)
    public void setUp() {
        fakes = new JourneyFakes(NOW);
        router = new RoutingService(fakes.catalog, fakes.enrolments, fakes.leads, fakes.runner, fakes.clock());
    }

    @Benchmark
    public Routing routeCapture() {
        LeadId lead = LeadId.random();
        fakes.lead(lead);
        Routing routing = router.route(new LeadCaptured("capture-" + next++, NOW.minusSeconds(1), lead.value(), "demo",
                true, "lead", true, null, null, null));
        if (routing.enrolled().isEmpty()) {
            throw new IllegalStateException("a captured lead was enrolled in no journey");
        }
        return routing;
    }
}
