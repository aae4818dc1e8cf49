package dev.lem.local.bench.jmh;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collection;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.VerboseMode;

/** The CI smoke run of the JMH benchmarks ({@link JmhBench#smoke()}): correctness only, no timing is asserted. */
class JmhBenchmarksTest {

    @Test
    void everyBenchmark_runsOnceWithoutError_andGetsARowInTheTable() throws Exception {
        Collection<RunResult> results = new Runner(JmhBench.smoke().verbosity(VerboseMode.SILENT).build()).run();

        assertThat(results).extracting(r -> r.getParams().getBenchmark().replaceFirst(".*\\.jmh\\.", ""))
                .containsExactlyInAnyOrder("FormCaptureBenchmark.submit", "PixelBenchmark.pixel",
                        "RouterBenchmark.routeCapture", "ScoringBatchBenchmark.scoreBatch", "SendGateBenchmark.decide");
        assertThat(results).allSatisfy(r -> assertThat(r.getPrimaryResult().getStatistics().getN()).isEqualTo(1));
        assertThat(JmhBench.table(results).lines()).hasSize(6).element(1).asString().startsWith("FormCaptureBenchmark.submit");
    }
}
