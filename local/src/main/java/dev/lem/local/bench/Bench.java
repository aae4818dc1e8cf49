package dev.lem.local.bench;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code lem bench}: what one tracking pixel and one form submission cost, and how fast a campaign trigger for
 * many leads fans out and enrols (none lost or doubled). Not a test and not timed by
 * the build; numbers depend on the machine, so compare runs on the same one.
 * <pre>
 * java -cp &lt;local classpath&gt; dev.lem.local.bench.Bench [pixel|forms|campaign|all] [--pixel-hits N] [--forms N] [--campaign-leads N]
 * </pre>
 * Defaults: all; 200 000 pixel hits after 50 000 warm-up; 2 000 form submissions after 300 warm-up; a campaign
 * trigger for 10 000 leads.
 * Exit status 2 on bad arguments.
 */
public final class Bench {

    private Bench() {}

    public static void main(String[] args) {
        String which = "all";
        int pixelHits = 200_000;
        int forms = 2_000;
        int campaignLeads = 10_000;
        try {
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "pixel", "forms", "campaign", "all" -> which = args[i];
                    case "--campaign-leads" -> campaignLeads = positive(args[++i]);
                    case "--pixel-hits" -> pixelHits = positive(args[++i]);
                    case "--forms" -> forms = positive(args[++i]);
                    default -> throw new IllegalArgumentException("unknown argument " + args[i]);
                }
            }
        } catch (RuntimeException e) {
            System.err.println("usage: Bench [pixel|forms|campaign|all] [--pixel-hits N] [--forms N] [--campaign-leads N]  (" + e.getMessage() + ")");
            System.exit(2);
            return;
        }
        PrintStream out = System.out;
        out.printf(Locale.ROOT, "lem bench: java %s, %d cpus, single-threaded%n", Runtime.version(),
                Runtime.getRuntime().availableProcessors());
        List<Latencies> results = new ArrayList<>();
        if (which.equals("campaign") || which.equals("all")) {
            CampaignBench.Result campaign = CampaignBench.run(campaignLeads, out);
            out.println(campaign.row());
            if (which.equals("campaign")) {
                System.exit(campaign.lost() + campaign.doubled() == 0 ? 0 : 1); // DynamoDB Local leaves a non-daemon thread
            }
        }
        if (!which.equals("forms")) {
            out.println("pixel: warming up…");
            results.add(PixelBench.run(Math.max(50_000, pixelHits / 4), pixelHits));
        }
        if (!which.equals("pixel") && !which.equals("campaign")) {
            out.println("form-capture: starting DynamoDB Local, warming up…");
            results.add(FormBench.run(Math.max(300, forms / 5), forms));
        }
        out.println();
        out.println(Latencies.header());
        results.forEach(r -> out.println(r.row()));
    }

    private static int positive(String value) {
        int n = Integer.parseInt(value);
        if (n <= 0) {
            throw new IllegalArgumentException("counts must be positive");
        }
        return n;
    }
}
