package dev.lem.local.bench;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code lem bench}: what one tracking pixel and one form submission cost. Not a test and not timed by
 * the build; numbers depend on the machine, so compare runs on the same one.
 * <pre>
 * java -cp &lt;local classpath&gt; dev.lem.local.bench.Bench jmh [--quick]     (JMH: {@link dev.lem.local.bench.jmh.JmhBench})
 * java -cp &lt;local classpath&gt; dev.lem.local.bench.Bench coldstart [--runs N] [--function NAME,...]
 *     (function jars: {@link dev.lem.local.bench.coldstart.ColdStartBench})
 * java -cp &lt;local classpath&gt; dev.lem.local.bench.Bench load [--duration S] [--connections N] [--threads N]
 *     (lem up under wrk: {@link dev.lem.local.bench.load.LoadBench})
 * java -cp &lt;local classpath&gt; dev.lem.local.bench.Bench [pixel|forms|identity|scoring|campaign|predict|lifecycle|all]
 *     [--pixel-hits N] [--forms N] [--merges N] [--merge-hits N] [--batches N] [--scoring-batches N] [--campaign-leads N]
 *     [--predictions N] [--leads N]
 * java -cp &lt;local classpath&gt; dev.lem.local.bench.Bench faults [--leads N] [--seed S]   (fault injection: {@link dev.lem.local.faults.FaultRun})
 * </pre>
 * Defaults: all; 200 000 pixel hits after 50 000 warm-up; 2 000 form submissions after 300 warm-up; identity: 20
 * visitor merges of 100 stored hits each and 20 {@code POST /activities} batches of 100 items (after a fifth as
 * warm-up); 5 000 scoring batches of 10 after 1 000 warm-up; a campaign trigger for 10 000 leads; predict: 200 000
 * in-process predictions of the predictive score after 50 000 warm-up; lifecycle: the AWS calls and cost of 20 lead
 * lifecycles ({@link LifecycleBench}).
 * Exit status 2 on bad arguments, 1 when the campaign bench lost or doubled an enrolment or the lifecycle's call counts
 * differed between leads.
 */
public final class Bench {

    private Bench() {}

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("faults")) {
            System.exit(faults(java.util.Arrays.copyOfRange(args, 1, args.length)));
        }
        if (args.length > 0 && args[0].equals("jmh")) {
            dev.lem.local.bench.jmh.JmhBench.main(java.util.Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        if (args.length > 0 && args[0].equals("coldstart")) {
            dev.lem.local.bench.coldstart.ColdStartBench.main(java.util.Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        if (args.length > 0 && args[0].equals("load")) {
            dev.lem.local.bench.load.LoadBench.main(java.util.Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        String which = "all";
        int pixelHits = 200_000;
        int forms = 2_000;
        int merges = 20;
        int mergeHits = 100;
        int batches = 20;
        int scoringBatches = 5_000;
        int campaignLeads = 10_000;
        int predictions = 200_000;
        int lifecycleLeads = 20;
        try {
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "pixel", "forms", "identity", "scoring", "campaign", "predict", "lifecycle", "all" -> which = args[i];
                    case "--leads" -> lifecycleLeads = positive(args[++i]);
                    case "--campaign-leads" -> campaignLeads = positive(args[++i]);
                    case "--predictions" -> predictions = positive(args[++i]);
                    case "--merges" -> merges = positive(args[++i]);
                    case "--merge-hits" -> mergeHits = positive(args[++i]);
                    case "--batches" -> batches = positive(args[++i]);
                    case "--pixel-hits" -> pixelHits = positive(args[++i]);
                    case "--forms" -> forms = positive(args[++i]);
                    case "--scoring-batches" -> scoringBatches = positive(args[++i]);
                    default -> throw new IllegalArgumentException("unknown argument " + args[i]);
                }
            }
        } catch (RuntimeException e) {
            System.err.println("usage: Bench [pixel|forms|identity|scoring|campaign|predict|lifecycle|all] [--pixel-hits N] [--forms N]"
                    + " [--merges N] [--merge-hits N] [--batches N] [--scoring-batches N] [--campaign-leads N] [--predictions N]"
                    + " [--leads N]  ("
                    + e.getMessage() + ")");
            System.exit(2);
            return;
        }
        PrintStream out = System.out;
        out.printf(Locale.ROOT, "lem bench: java %s, %d cpus, single-threaded%n", Runtime.version(),
                Runtime.getRuntime().availableProcessors());
        List<Latencies> results = new ArrayList<>();
        if (which.equals("pixel") || which.equals("all")) {
            out.println("pixel: warming up…");
            results.add(PixelBench.run(Math.max(50_000, pixelHits / 4), pixelHits));
        }
        if (which.equals("forms") || which.equals("all")) {
            out.println("form-capture: starting DynamoDB Local, warming up…");
            results.add(FormBench.run(Math.max(300, forms / 5), forms));
        }
        if (which.equals("identity") || which.equals("all")) {
            out.println("identity: starting DynamoDB Local and ElasticMQ, warming up…");
            results.addAll(IdentityBench.run(merges, mergeHits, batches));
        }
        if (which.equals("predict") || which.equals("all")) {
            out.println("predict: training a model, warming up…");
            results.add(PredictBench.run(Math.max(50_000, predictions / 4), predictions));
        }
        Latencies scoring = null;
        if (which.equals("scoring") || which.equals("all")) {
            out.println("scoring: warming up…");
            scoring = ScoringBench.run(Math.max(1_000, scoringBatches / 5), scoringBatches);
            results.add(scoring);
        }
        int status = 0;
        if (which.equals("campaign") || which.equals("all")) {
            CampaignBench.Result campaign = CampaignBench.run(campaignLeads, out);
            out.println(campaign.row());
            status = campaign.lost() + campaign.doubled() == 0 ? 0 : 1;
        }
        if (which.equals("lifecycle") || which.equals("all")) {
            out.println("lifecycle: starting DynamoDB Local, ElasticMQ and the wire stand-ins…");
            status = Math.max(status, LifecycleBench.run(lifecycleLeads, out));
            if (which.equals("lifecycle")) {
                System.exit(status);
                return;
            }
        }
        out.println();
        out.println(Latencies.header());
        results.forEach(r -> out.println(r.row()));
        if (scoring != null) {
            out.printf(Locale.ROOT, "scoring: %.0f leads scored per second on one core (batches of %d)%n",
                    scoring.perSecond() * ScoringBench.BATCH, ScoringBench.BATCH);
        }
        System.exit(status); // DynamoDB Local leaves a non-daemon thread behind
    }

    /**
     * {@code lem bench faults [--leads N] [--seed S]}: the fault-injection run and its reconciliation
     * ({@link dev.lem.local.faults.FaultRun}); exit status 1 when a lead was lost, an email doubled or missing, or an
     * enrolment stuck, 2 on bad arguments.
     */
    static int faults(String[] args) {
        int leads = 100;
        long seed = System.nanoTime() & 0xffff;
        try {
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--leads" -> leads = positive(args[++i]);
                    case "--seed" -> seed = Long.parseLong(args[++i]);
                    default -> throw new IllegalArgumentException("unknown argument " + args[i]);
                }
            }
        } catch (RuntimeException e) {
            System.err.println("usage: Bench faults [--leads N] [--seed S]  (" + e.getMessage() + ")");
            return 2;
        }
        long start = System.nanoTime();
        dev.lem.local.faults.FaultReport report = dev.lem.local.faults.FaultRun.run(
                dev.lem.local.faults.FaultPlan.of(leads, seed), System.out);
        report.print(System.out);
        System.out.printf(Locale.ROOT, "(%.1f s; replay with --leads %d --seed %d)%n", (System.nanoTime() - start) / 1e9,
                leads, seed);
        return report.clean() ? 0 : 1;
    }

    private static int positive(String value) {
        int n = Integer.parseInt(value);
        if (n <= 0) {
            throw new IllegalArgumentException("counts must be positive");
        }
        return n;
    }
}
