package dev.lem.local.bench.coldstart;

import dev.lem.config.EnvNames;
import dev.lem.links.LinkSigner;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * {@code ./lem bench coldstart [--runs N] [--function NAME,...]}: for every Lambda handler of the function jars
 * ({@link ColdStartFunction#all}: two for the router and training jars) its shaded jar's size and a
 * cold-start proxy — wall time from just before a fresh JVM is spawned to the first handler response printed by
 * {@link ColdStartProbe}, median of N (10) runs — in three set-ups:
 * <ol>
 *   <li>{@code plain}: the JDK's default CDS archive only;</li>
 *   <li>{@code aot}: with a JDK 25 AOT cache ({@code -XX:AOTCacheOutput} / {@code -XX:AOTCache}, the successor of
 *       AppCDS: classes loaded and linked ahead of time) from a training run that only constructs the handler;</li>
 *   <li>{@code aot+primed}: the same, with the training run also invoking the handler once — the priming
 *       SnapStart's {@code beforeCheckpoint} hooks do — so the first request's classes are in the cache too.</li>
 * </ol>
 * Every JVM runs with Lambda's Java flags ({@code -XX:+TieredCompilation -XX:TieredStopAtLevel=1
 * -XX:+UseSerialGC}) and its config from the environment, its AWS endpoint a {@link FakeAwsEndpoint} on 127.0.0.1.
 */
public final class ColdStartBench {

    /**
     * The JVM flags of every run: what the Lambda Java runtime sets (the JDK's default CDS archive stays on; an
     * explicit -Xshare option would be refused next to -XX:AOTCacheOutput).
     */
    static final List<String> LAMBDA_FLAGS = List.of("-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1",
            "-XX:+UseSerialGC");
    private static final long RUN_TIMEOUT_SECONDS = 120;

    /** A set-up of the JVM. */
    public enum Mode { PLAIN, AOT, AOT_PRIMED }

    /** One timed start: wall milliseconds to the first response, and the probe's summary of it. */
    public record Run(double millis, String response) {}

    private final Path functionsDir;
    private final Path workDir;
    private final Map<String, String> environment;
    private final LinkSigner signer;
    private final Path probeJar;

    public ColdStartBench(Path functionsDir, Path workDir, FakeAwsEndpoint aws) {
        this.functionsDir = functionsDir;
        this.workDir = workDir;
        byte[] trackingKey = key(1);
        this.signer = new LinkSigner(trackingKey);
        this.environment = environment(aws, trackingKey);
        this.probeJar = workDir.resolve("probe.jar");
        writeProbeJar(probeJar);
    }

    public static void main(String[] args) throws Exception {
        int runs = 10;
        Set<String> only = Set.of();
        try {
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--runs" -> runs = Integer.parseInt(args[++i]);
                    case "--function" -> only = Set.of(args[++i].split(","));
                    default -> throw new IllegalArgumentException("unknown argument " + args[i]);
                }
            }
            if (runs < 1) {
                throw new IllegalArgumentException("--runs must be positive");
            }
            List<String> known = ColdStartFunction.all(new LinkSigner(key(0))).stream().map(ColdStartFunction::name).toList();
            Set<String> unknown = new java.util.TreeSet<>(only);
            unknown.removeAll(known);
            if (!unknown.isEmpty()) {
                throw new IllegalArgumentException("unknown function " + String.join(",", unknown) + "; known: "
                        + String.join(",", known));
            }
        } catch (RuntimeException e) {
            System.err.println("usage: lem bench coldstart [--runs N] [--function NAME,...]  (" + e.getMessage() + ")");
            System.exit(2);
            return;
        }
        PrintStream out = System.out;
        Path work = Files.createTempDirectory("lem-coldstart-");
        List<String> rows = new ArrayList<>();
        int failed = 0;
        try (FakeAwsEndpoint aws = FakeAwsEndpoint.start()) {
            ColdStartBench bench = new ColdStartBench(Path.of("functions"), work, aws);
            out.printf(Locale.ROOT, "lem bench coldstart: java %s, %d cpus, median of %d runs per set-up, flags %s%n",
                    Runtime.version(), Runtime.getRuntime().availableProcessors(), runs, String.join(" ", LAMBDA_FLAGS));
            for (ColdStartFunction function : ColdStartFunction.all(bench.signer)) {
                if (!only.isEmpty() && !only.contains(function.name())) {
                    continue;
                }
                Path jar = bench.jar(function);
                out.printf(Locale.ROOT, "%s: %s (%.1f MB)…%n", function.name(), jar, Files.size(jar) / 1e6);
                Map<Mode, double[]> medians = new LinkedHashMap<>();
                String response = "";
                try {
                    for (Mode mode : Mode.values()) {
                        double[] millis = new double[runs];
                        for (int r = 0; r < runs; r++) {
                            Run run = bench.run(function, mode);
                            millis[r] = run.millis();
                            response = run.response();
                        }
                        medians.put(mode, millis);
                    }
                    rows.add(row(function, Files.size(jar), medians, response));
                    out.println(header());
                    out.println(rows.getLast());
                } catch (IllegalStateException e) {
                    out.println(e.getMessage());
                    failed++;
                    rows.add(String.format(Locale.ROOT, "%-14s %9.1f  FAILED: %s", function.name(), Files.size(jar) / 1e6,
                            e.getMessage().lines().findFirst().orElse("")));
                }
            }
            out.println();
            out.println(header());
            rows.forEach(out::println);
            out.printf(Locale.ROOT, "(AWS calls answered by the fake endpoint: %d)%n", aws.calls());
        } finally {
            deleteTree(work);
        }
        System.exit(failed == 0 ? 0 : 1);
    }

    /** The shaded jar of a function; fails when it was not built. */
    public Path jar(ColdStartFunction function) {
        Path jar = functionsDir.resolve(function.module()).resolve("target").resolve(function.jarName());
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " not found: build the functions first (./lem build)");
        }
        return jar;
    }

    /** Every function of the bench, its pixel signed with this bench's tracking key. */
    public List<ColdStartFunction> functions() {
        return ColdStartFunction.all(signer);
    }

    /** One timed cold start in a set-up; the AOT caches are made by a training run on first use. */
    public Run run(ColdStartFunction function, Mode mode) throws IOException, InterruptedException {
        Path event = workDir.resolve(function.name() + ".json");
        if (!Files.exists(event)) {
            Files.writeString(event, function.event());
        }
        List<String> flags = new ArrayList<>(LAMBDA_FLAGS);
        if (mode != Mode.PLAIN) {
            Path cache = workDir.resolve(function.name() + "-" + mode.name().toLowerCase(Locale.ROOT) + ".aot");
            if (!Files.exists(cache)) {
                List<String> training = new ArrayList<>(LAMBDA_FLAGS);
                training.add("-XX:AOTCacheOutput=" + cache);
                spawn(function, event, training, mode == Mode.AOT);
                if (!Files.exists(cache)) {
                    throw new IllegalStateException("the training run wrote no AOT cache " + cache);
                }
            }
            flags.add("-XX:AOTCache=" + cache);
        }
        return spawn(function, event, flags, false);
    }

    private Run spawn(ColdStartFunction function, Path event, List<String> flags, boolean constructOnly)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(flags);
        command.addAll(List.of("-cp", jar(function) + java.io.File.pathSeparator + probeJar,
                ColdStartProbe.class.getName(), function.handlerClass(), event.toString()));
        if (constructOnly) {
            command.add("--construct-only");
        }
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(workDir.resolve(function.name() + ".err").toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("AWS_") || name.startsWith("LEM_")
                || name.equals("JAVA_TOOL_OPTIONS"));
        builder.environment().putAll(environment);
        builder.environment().putAll(function.environment());
        long start = System.nanoTime();
        Process process = builder.start();
        String response = null;
        long responded = 0;
        List<String> output = new ArrayList<>();
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = lines.readLine()) != null; ) {
                if (response == null && line.startsWith(ColdStartProbe.MARKER)) {
                    responded = System.nanoTime();
                    response = line.substring(ColdStartProbe.MARKER.length());
                } else if (output.size() < 20) {
                    output.add(line);
                }
            }
        }
        if (!process.waitFor(RUN_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException(function.name() + ": the JVM did not exit");
        }
        if (response == null || process.exitValue() != 0) {
            throw new IllegalStateException(function.name() + ": no response (exit " + process.exitValue() + "): "
                    + String.join("\n", output) + "\n" + tail(workDir.resolve(function.name() + ".err")));
        }
        return new Run((responded - start) / 1e6, response);
    }

    static String header() {
        return String.format(Locale.ROOT, "%-14s %9s %11s %11s %13s %9s  %s", "function", "jar MB", "plain ms",
                "aot ms", "aot+primed ms", "primed ×", "first response");
    }

    static String row(ColdStartFunction function, long jarBytes, Map<Mode, double[]> millis, String response) {
        double plain = median(millis.get(Mode.PLAIN));
        double aot = median(millis.get(Mode.AOT));
        double primed = median(millis.get(Mode.AOT_PRIMED));
        return String.format(Locale.ROOT, "%-14s %9.1f %11.0f %11.0f %13.0f %9.2f  %s", function.name(), jarBytes / 1e6,
                plain, aot, primed, plain / primed, response);
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    /**
     * Every variable the functions require, except a handler's own extras ({@link ColdStartFunction#environment()});
     * each reads its own. Keys are fixed bench keys, never real secrets.
     */
    private static Map<String, String> environment(FakeAwsEndpoint aws, byte[] trackingKey) {
        String queues = aws.uri() + "/000000000000/";
        String arn = "arn:aws:iam::000000000000:role/lem-bench";
        Map<String, String> env = new LinkedHashMap<>();
        env.put(EnvNames.AWS_ENDPOINT, aws.uri().toString());
        env.put("AWS_REGION", "eu-west-1");
        env.put("LEM_LOG_LEVEL", "WARN");
        env.put(EnvNames.TABLE_NAME, "lem");
        env.put(EnvNames.EVENT_BUS_NAME, "lem");
        env.put(EnvNames.ACTIVITY_QUEUE_URL, queues + "lem-activity");
        env.put(EnvNames.NOTIFY_QUEUE_URL, queues + "lem-notify");
        env.put(EnvNames.NOTIFY_QUEUE_ARN, "arn:aws:sqs:eu-west-1:000000000000:lem-notify");
        env.put(EnvNames.IDENTITY_KEY, Base64.getEncoder().encodeToString(key(2)));
        env.put(EnvNames.FORM_TOKEN_KEY, Base64.getEncoder().encodeToString(key(3)));
        env.put(EnvNames.TRACKING_KEY, Base64.getEncoder().encodeToString(trackingKey));
        env.put(EnvNames.PUBLIC_BASE_URL, "https://lem.example");
        env.put(EnvNames.MAIL_FROM, "LEM <hello@lem.example>");
        env.put(EnvNames.SCHEDULE_GROUP, "lem");
        env.put(EnvNames.SCHEDULER_ROLE_ARN, arn);
        env.put(EnvNames.DRIP_FUNCTION_ARN, "arn:aws:lambda:eu-west-1:000000000000:function:lem-drip");
        env.put(EnvNames.SCORING_TIMER_TARGET_ARN, "arn:aws:sqs:eu-west-1:000000000000:lem-activity");
        return env;
    }

    private static byte[] key(int seed) {
        byte[] key = new byte[32];
        Arrays.fill(key, (byte) (0x40 + seed));
        return key;
    }

    /**
     * Writes the probe's class files (and nothing else of this module) into a jar: an AOT cache accepts only jars
     * (no non-empty directories) on the class path.
     */
    private static void writeProbeJar(Path jar) {
        String packagePath = ColdStartProbe.class.getPackageName().replace('.', '/') + "/";
        try (var out = new java.util.jar.JarOutputStream(Files.newOutputStream(jar))) {
            for (String name : ColdStartProbe.CLASS_FILES) {
                try (InputStream in = ColdStartProbe.class.getResourceAsStream(name)) {
                    if (in == null) {
                        throw new IllegalStateException("class file " + name + " not found");
                    }
                    out.putNextEntry(new java.util.jar.JarEntry(packagePath + name));
                    out.write(in.readAllBytes());
                    out.closeEntry();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String tail(Path file) {
        try {
            List<String> lines = Files.exists(file) ? Files.readAllLines(file) : List.of();
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size()));
        } catch (IOException e) {
            return "";
        }
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (var paths = Files.walk(root)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
