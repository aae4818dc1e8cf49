package dev.lem.local.bench.load;

import dev.lem.capture.FormTokens;
import dev.lem.forms.FormDefinition;
import dev.lem.lead.Activity;
import dev.lem.lead.Lead;
import dev.lem.lead.LeadId;
import dev.lem.lead.LeadState;
import dev.lem.links.LinkSigner;
import dev.lem.local.LemUp;
import dev.lem.local.LocalKeys;
import dev.lem.local.RunningLem;
import dev.lem.queue.QueueDefinition;
import dev.lem.store.DynamoDbFormStore;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * {@code ./lem bench load [--duration S] [--warmup S] [--connections N] [--threads N]}: {@code lem up} in
 * this JVM (a fresh state directory, port 0, 127.0.0.1 only) under wrk, first on the form route, then on the pixel
 * route, each for a bounded time (default 15 s, after a 5 s warm-up run whose requests are drained and not counted)
 * with a bounded number of connections (default 2 threads × 8). For each: wrk's sustained requests/s and p50/p99
 * ({@code --latency}), the non-2xx responses the Lua script counted, and then — after the activity queue drained —
 * the proof that nothing accepted was lost: leads stored == form posts accepted, {@code email.open} activities
 * stored == pixel hits accepted.
 */
public final class LoadBench {

    /** Pixel hits go to this many leads (a lead's whole activity log is re-read on every scoring, so spread them). */
    static final int PIXEL_LEADS = 500;
    private static final String USER_AGENT = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko)";

    /** Bounds of one run. */
    public record Settings(Duration duration, Duration warmUp, int connections, int threads, Duration drainTimeout) {
        public Settings {
            if (warmUp.isNegative() || warmUp.toSeconds() > 600) {
                throw new IllegalArgumentException("warm-up must be 0..600 s");
            }
            if (duration.isNegative() || duration.isZero() || duration.toSeconds() > 600) {
                throw new IllegalArgumentException("duration must be 1..600 s");
            }
            if (threads < 1 || connections < threads || connections > 256) {
                throw new IllegalArgumentException("need 1 <= threads <= connections <= 256");
            }
        }
    }

    /**
     * One route's figures: what wrk saw, what was stored after the drain, and how long the drain took. wrk stops at
     * its deadline with up to one request in flight per connection; the server completes those (so they are stored)
     * but wrk never counts them. Hence the proof: {@code accepted <= stored <= accepted + connections} — nothing wrk
     * saw accepted is missing, and nothing beyond the requests cut off in flight was stored twice.
     */
    public record RouteResult(String route, WrkResult wrk, int connections, long stored, Duration drain) {
        /** Requests the server completed after wrk stopped counting. */
        public long inFlightAtCutoff() {
            return stored - wrk.accepted();
        }

        public boolean nothingLost() {
            return inFlightAtCutoff() >= 0 && inFlightAtCutoff() <= connections;
        }

        public String row() {
            return String.format(Locale.ROOT, "%-20s %s; accepted %d, stored %d (%d in flight at the cutoff: %s) after a %.1f s drain",
                    route, wrk.summary(), wrk.accepted(), stored, inFlightAtCutoff(),
                    nothingLost() ? "nothing lost" : "MISMATCH", drain.toMillis() / 1000.0);
        }
    }

    private LoadBench() {}

    public static void main(String[] args) throws Exception {
        Settings settings;
        try {
            settings = parse(args);
        } catch (RuntimeException e) {
            System.err.println("usage: lem bench load [--duration S] [--connections N] [--threads N] [--warmup S] [--drain-timeout S]  ("
                    + e.getMessage() + ")");
            System.exit(2);
            return;
        }
        Optional<Path> wrk = wrk();
        if (wrk.isEmpty()) {
            System.err.println("lem bench load: wrk not found on PATH (Debian: apt-get install wrk)");
            System.exit(1);
            return;
        }
        System.out.printf(Locale.ROOT, "lem bench load: java %s, %d cpus, wrk %s, %d threads × %d connections for %d s per route after %d s of warm-up, load average %s%n",
                Runtime.version(), Runtime.getRuntime().availableProcessors(), wrk.get(), settings.threads(),
                settings.connections(), settings.duration().toSeconds(), settings.warmUp().toSeconds(),
                dev.lem.local.bench.jmh.JmhBench.loadAverage());
        List<RouteResult> results = run(wrk.get(), settings, System.out);
        System.out.println();
        results.forEach(r -> System.out.println(r.row()));
        System.exit(results.stream().allMatch(r -> r.nothingLost() && r.wrk().errors() == 0) ? 0 : 1);
    }

    static Settings parse(String[] args) {
        int duration = 15;
        int connections = 8;
        int threads = 2;
        int drain = 600;
        int warmUp = 5;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--duration" -> duration = Integer.parseInt(args[++i]);
                case "--connections" -> connections = Integer.parseInt(args[++i]);
                case "--threads" -> threads = Integer.parseInt(args[++i]);
                case "--drain-timeout" -> drain = Integer.parseInt(args[++i]);
                case "--warmup" -> warmUp = Integer.parseInt(args[++i]);
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        return new Settings(Duration.ofSeconds(duration), Duration.ofSeconds(warmUp), connections, threads,
                Duration.ofSeconds(drain));
    }

    /** wrk on the PATH, if installed. */
    public static Optional<Path> wrk() {
        for (String dir : dev.lem.config.Env.system().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir, "wrk");
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** Starts lem up in a fresh temporary directory, loads the form route then the pixel route, and stops it. */
    public static List<RouteResult> run(Path wrk, Settings settings, PrintStream out) throws Exception {
        Path work = Files.createTempDirectory("lem-load-");
        try (RunningLem lem = LemUp.start(LemUp.Options.defaults().withPort(0).withWorkDir(work).withFresh(true)
                .withOut(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)))) {
            List<RouteResult> results = new ArrayList<>();
            results.add(form(lem, wrk, settings, work, out));
            results.add(pixel(lem, wrk, settings, work, out));
            return results;
        } finally {
            deleteTree(work);
        }
    }

    private static RouteResult form(RunningLem lem, Path wrk, Settings settings, Path work, PrintStream out) throws Exception {
        // the demo form with tokens required and no per-IP limit that 127.0.0.1 alone would hit
        FormDefinition form = FormDefinition.demo(lem.baseUrl() + "/thanks", List.of(lem.baseUrl()))
                .withSpamDefence(true, 1_000_000, 0);
        new DynamoDbFormStore(lem.dynamoDb(), lem.tableName()).save(form);
        FormTokens tokens = new FormTokens(keys(lem).formTokenKey(), new SecureRandom());
        if (!settings.warmUp().isZero()) {
            out.printf(Locale.ROOT, "form POST /f/%s: warming up for %d s…%n", form.id(), settings.warmUp().toSeconds());
            long warmBefore = countLeads(lem);
            WrkResult warm = wrk(wrk, formScript(work, form, tokens, lem, settings.warmUp(), settings), lem.baseUrl(),
                    settings.warmUp(), settings);
            drained(lem, () -> countLeads(lem) - warmBefore, warm.accepted(), settings.drainTimeout());
        }
        Path script = formScript(work, form, tokens, lem, settings.duration(), settings);
        long before = countLeads(lem);
        out.printf(Locale.ROOT, "form POST /f/%s: wrk for %d s…%n", form.id(), settings.duration().toSeconds());
        WrkResult result = wrk(wrk, script, lem.baseUrl(), settings.duration(), settings);
        out.println("form: " + result.summary() + "; draining the queues…");
        Instant start = Instant.now();
        long stored = drained(lem, () -> countLeads(lem) - before, result.accepted(), settings.drainTimeout());
        return new RouteResult("form POST /f/{id}", result, settings.connections(), stored, Duration.between(start, Instant.now()));
    }

    /**
     * A form script with its own tokens (each used once) and run id (so unique emails): at most one token per request
     * a run could make at 2 000 forms/s (a refused replay would show as an error).
     */
    private static Path formScript(Path work, FormDefinition form, FormTokens tokens, RunningLem lem, Duration duration,
                                   Settings settings) throws IOException {
        int count = (int) Math.min(400_000, Math.max(2_000, duration.toSeconds() * 2_000));
        Instant now = Instant.now();
        List<String> issued = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            issued.add(tokens.issue(form.id(), now));
        }
        String run = UUID.randomUUID().toString().substring(0, 8);
        Path script = work.resolve("form-" + run + ".lua");
        Files.writeString(script, WrkScripts.form("/f/" + form.id(), lem.baseUrl(), run, issued, settings.threads()));
        return script;
    }

    private static RouteResult pixel(RunningLem lem, Path wrk, Settings settings, Path work, PrintStream out) throws Exception {
        LinkSigner signer = new LinkSigner(keys(lem).trackingKey());
        Instant now = Instant.now();
        List<LeadId> leads = new ArrayList<>();
        List<String> paths = new ArrayList<>();
        for (int i = 0; i < PIXEL_LEADS; i++) {
            LeadId id = LeadId.random();
            lem.leads().create(new Lead(id, "load-" + id.value(), null, Map.of(), LeadState.LEAD, now, 0, Map.of(), now, now, 0));
            leads.add(id);
            String message = "load.1." + id.value();
            paths.add("/t/o.gif?l=" + encode(id.value()) + "&m=" + encode(message) + "&s="
                    + encode(signer.sign("open", id.value(), message)));
        }
        Path script = work.resolve("pixel.lua");
        Files.writeString(script, WrkScripts.pixel(paths, USER_AGENT));
        if (!settings.warmUp().isZero()) {
            out.printf(Locale.ROOT, "pixel GET /t/o.gif: warming up for %d s…%n", settings.warmUp().toSeconds());
            WrkResult warm = wrk(wrk, script, lem.baseUrl(), settings.warmUp(), settings);
            drained(lem, () -> countOpens(lem, leads), warm.accepted(), settings.drainTimeout());
        }
        long before = countOpens(lem, leads);
        out.printf(Locale.ROOT, "pixel GET /t/o.gif: wrk for %d s…%n", settings.duration().toSeconds());
        WrkResult result = wrk(wrk, script, lem.baseUrl(), settings.duration(), settings);
        out.println("pixel: " + result.summary() + "; draining the activity queue…");
        Instant start = Instant.now();
        long stored = drained(lem, () -> countOpens(lem, leads) - before, result.accepted(), settings.drainTimeout());
        return new RouteResult("pixel GET /t/o.gif", result, settings.connections(), stored, Duration.between(start, Instant.now()));
    }

    private static WrkResult wrk(Path wrk, Path script, String baseUrl, Duration duration, Settings settings) throws Exception {
        if (!baseUrl.startsWith("http://127.0.0.1:")) {
            throw new IllegalStateException("load only ever goes to 127.0.0.1, not " + baseUrl);
        }
        Process process = new ProcessBuilder(wrk.toString(), "-t", Integer.toString(settings.threads()), "-c",
                Integer.toString(settings.connections()), "-d", duration.toSeconds() + "s", "--timeout", "10s",
                "--latency", "-s", script.toString(), baseUrl).redirectErrorStream(true).start();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(duration.toSeconds() + 60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("wrk did not finish");
        }
        String text = new String(output, StandardCharsets.UTF_8);
        if (process.exitValue() != 0) {
            throw new IllegalStateException("wrk failed (exit " + process.exitValue() + "):\n" + text);
        }
        return WrkResult.parse(text);
    }

    /**
     * Waits until the activity queue is empty, {@code stored} reached {@code expected} and then stood still for 2 s (a
     * request completed after wrk's cutoff may still be on its way) — or stood still for 10 s with the queue empty, or
     * the timeout passed — and returns the last count.
     */
    private static long drained(RunningLem lem, LongSupplier stored, long expected, Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        long last = -1;
        Instant lastChange = Instant.now();
        while (true) {
            long now = stored.getAsLong();
            if (now != last) {
                last = now;
                lastChange = Instant.now();
            }
            boolean empty = queued(lem, QueueDefinition.ACTIVITY) == 0;
            Duration still = Duration.between(lastChange, Instant.now());
            if (empty && ((now >= expected && still.toSeconds() >= 2) || still.toSeconds() >= 10)
                    || Instant.now().isAfter(deadline)) {
                return now;
            }
            Thread.sleep(250);
        }
    }

    private static long queued(RunningLem lem, QueueDefinition queue) {
        Map<QueueAttributeName, String> attributes = lem.sqs().getQueueAttributes(r -> r
                .queueUrl(lem.engines().queue(queue).url()).attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                        QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).attributes();
        return attributes.values().stream().mapToLong(Long::parseLong).sum();
    }

    /** Lead items in the table (a scan counting items whose sort key is {@code LEAD}). */
    private static long countLeads(RunningLem lem) {
        long count = 0;
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> from = start;
            var page = lem.dynamoDb().scan(r -> r.tableName(lem.tableName()).filterExpression("sk = :lead")
                    .expressionAttributeValues(Map.of(":lead", AttributeValue.fromS("LEAD")))
                    .select(software.amazon.awssdk.services.dynamodb.model.Select.COUNT).exclusiveStartKey(from));
            count += page.count();
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        return count;
    }

    private static long countOpens(RunningLem lem, List<LeadId> leads) {
        long opens = 0;
        for (LeadId lead : leads) {
            for (Activity activity : lem.leads().activities(lead)) {
                opens += activity.type().equals("email.open") ? 1 : 0;
            }
        }
        return opens;
    }

    private static LocalKeys keys(RunningLem lem) throws IOException {
        return LocalKeys.loadOrCreate(lem.stateDir().resolve("keys.json"), new SecureRandom());
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static void deleteTree(Path root) throws IOException {
        try (var paths = Files.walk(root)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
