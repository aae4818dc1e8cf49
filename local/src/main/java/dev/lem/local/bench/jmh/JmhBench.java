package dev.lem.local.bench.jmh;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * {@code ./lem bench jmh [--quick]}: every benchmark of this package under JMH, in a forked JVM, in two modes —
 * throughput (ops/s) and sample time (p50/p99 of single operations) — then one table. Full: 1 fork, 3 warm-up and 5
 * measured iterations of 2 s per benchmark and mode (about 3 minutes); quick: 1 fork, 1 × 1 s warm-up, 2 × 1 s
 * measured (under a minute). One thread: the figures are per core.
 */
public final class JmhBench {

    /** Every benchmark of this package (JMH's include is a regular expression on the benchmark's name). */
    public static final String BENCHMARKS = "^dev\\.lem\\.local\\.bench\\.jmh\\.";

    private JmhBench() {}

    public static void main(String[] args) throws RunnerException {
        boolean quick = false;
        for (String arg : args) {
            if (arg.equals("--quick")) {
                quick = true;
            } else {
                System.err.println("usage: lem bench jmh [--quick]  (unknown argument " + arg + ")");
                System.exit(2);
            }
        }
        PrintStream out = System.out;
        out.printf(Locale.ROOT, "lem bench jmh%s: java %s, %d cpus, one thread, load average %s%n", quick ? " --quick" : "",
                Runtime.version(), Runtime.getRuntime().availableProcessors(), loadAverage());
        Collection<RunResult> results = new Runner(options(quick).build()).run();
        out.println();
        out.println(table(results));
        out.println("load average after the run: " + loadAverage());
    }

    /** The options of a run: both modes, microseconds, one fork; failing on any benchmark error. */
    public static ChainedOptionsBuilder options(boolean quick) {
        TimeValue iteration = quick ? TimeValue.seconds(1) : TimeValue.seconds(2);
        return new OptionsBuilder().include(BENCHMARKS)
                .mode(Mode.Throughput).mode(Mode.SampleTime).timeUnit(TimeUnit.MICROSECONDS)
                .forks(1).threads(1)
                .warmupIterations(quick ? 1 : 3).warmupTime(iteration)
                .measurementIterations(quick ? 2 : 5).measurementTime(iteration)
                .shouldFailOnError(true);
    }

    /**
     * The CI smoke run: every benchmark method once, in this JVM (no fork, no warm-up, one single-shot iteration),
     * through JMH's generated code, failing on any error.
     */
    public static ChainedOptionsBuilder smoke() {
        return new OptionsBuilder().include(BENCHMARKS).mode(Mode.SingleShotTime).forks(0).threads(1)
                .warmupIterations(0).measurementIterations(1).shouldFailOnError(true);
    }

    /** One row per benchmark: throughput (ops/s ± the 99.9 % error), and from sample time p50, p99 and the samples. */
    public static String table(Collection<RunResult> results) {
        Map<String, Row> rows = new TreeMap<>();
        for (RunResult result : results) {
            String name = result.getParams().getBenchmark().replaceFirst("^dev\\.lem\\.local\\.bench\\.jmh\\.", "");
            Row row = rows.computeIfAbsent(name, Row::new);
            var primary = result.getPrimaryResult();
            switch (result.getParams().getMode()) {
                case Throughput -> {
                    double perMicro = perMicrosecond(primary.getScoreUnit());
                    row.opsPerSecond = primary.getScore() * perMicro * 1e6;
                    row.error = primary.getScoreError() * perMicro * 1e6;
                }
                case SampleTime -> {
                    double micros = microseconds(primary.getScoreUnit());
                    row.p50 = primary.getStatistics().getPercentile(50) * micros;
                    row.p99 = primary.getStatistics().getPercentile(99) * micros;
                    row.samples = primary.getStatistics().getN();
                }
                default -> { }
            }
        }
        List<String> lines = new ArrayList<>();
        lines.add(String.format(Locale.ROOT, "%-36s %14s %10s %10s %10s %10s", "benchmark", "ops/s", "± (99.9%)",
                "p50 µs", "p99 µs", "samples"));
        rows.values().stream().sorted(Comparator.comparing(r -> r.name)).forEach(r -> lines.add(String.format(Locale.ROOT,
                "%-36s %14.0f %10.0f %10.2f %10.2f %10d", r.name, r.opsPerSecond, r.error, r.p50, r.p99, r.samples)));
        return String.join(System.lineSeparator(), lines);
    }

    /** The machine's 1-minute load average (other work competing for the cores skews every figure). */
    public static String loadAverage() {
        double load = java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        return load < 0 ? "unknown" : String.format(Locale.ROOT, "%.2f", load);
    }

    private static double perMicrosecond(String unit) {
        return switch (unit) {
            case "ops/us" -> 1;
            case "ops/ms" -> 1e-3;
            case "ops/s" -> 1e-6;
            case "ops/ns" -> 1e3;
            default -> throw new IllegalStateException("unexpected throughput unit " + unit);
        };
    }

    private static double microseconds(String unit) {
        return switch (unit) {
            case "us/op" -> 1;
            case "ns/op" -> 1e-3;
            case "ms/op" -> 1e3;
            case "s/op" -> 1e6;
            default -> throw new IllegalStateException("unexpected time unit " + unit);
        };
    }

    private static final class Row {
        final String name;
        double opsPerSecond = Double.NaN;
        double error = Double.NaN;
        double p50 = Double.NaN;
        double p99 = Double.NaN;
        long samples;

        Row(String name) {
            this.name = name;
        }
    }
}
