package dev.lem.local.bench.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The CI smoke run of the load bench: lem up under wrk for 2 s per route with 2 connections, then every accepted
 * form post is a stored lead and every accepted pixel hit a stored {@code email.open} (plus at most the requests wrk
 * cut off in flight), with no error. No timing is
 * asserted. Skipped, with the reason, when wrk is not installed ({@code .ci/run} installs Debian's).
 */
class LoadBenchIT {

    @Test
    void shortRun_eachAcceptedRequestIsStored_andNothingFails() throws Exception {
        Optional<Path> wrk = LoadBench.wrk();
        assumeThat(wrk).as("wrk is not installed (apt-get install wrk); the load smoke test is skipped").isPresent();

        List<LoadBench.RouteResult> results = LoadBench.run(wrk.get(), new LoadBench.Settings(Duration.ofSeconds(2), Duration.ZERO, 2, 1,
                Duration.ofSeconds(180)), new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));

        assertThat(results).extracting(LoadBench.RouteResult::route)
                .containsExactly("form POST /f/{id}", "pixel GET /t/o.gif");
        assertThat(results).allSatisfy(r -> {
            assertThat(r.wrk().accepted()).as(r.route() + " accepted").isPositive();
            assertThat(r.wrk().errors()).as(r.route() + " errors").isZero();
            // every accepted request stored; more only by the requests wrk cut off in flight (at most one per connection)
            assertThat(r.stored()).as(r.route() + " stored").isBetween(r.wrk().accepted(), r.wrk().accepted() + 2);
            assertThat(r.nothingLost()).isTrue();
        });
    }
}
