package dev.lem.local.bench.coldstart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.lem.json.Json;
import dev.lem.links.LinkSigner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The CI smoke run of the cold-start bench: one plain start of the tracking jar, its real handler answering a signed
 * pixel through the fake AWS endpoint, and one plain start of each handler added later (journey-admin, reporting,
 * outcome-rows, training: two of them second handlers of a jar), each answering its first event on the success path.
 * Asserts only what the response was (no timing). A jar the reactor has not built skips its run.
 */
class ColdStartBenchTest {

    private static final Path FUNCTIONS = Path.of("..", "functions");
    /** Lambda handlers of the function jars the bench does not start yet (each needs its own realistic first event). */
    private static final Set<String> NOT_BENCHED = Set.of("dev.lem.capture.lambda.ActivitiesHandler",
            "dev.lem.capture.lambda.OutcomesHandler", "dev.lem.notify.lambda.ErasureHandler",
            "dev.lem.notify.lambda.FeedbackHandler", "dev.lem.notify.lambda.PreferencesHandler");
    private static final Pattern HANDLER = Pattern.compile(
            "public final class (\\w+) (?:extends Metered(?:Request|Stream)Handler|implements Request(?:Stream)?Handler)");

    @TempDir
    Path work;

    @Test
    void run_trackingJar_answersThePixelFromAFreshJvm() throws Exception {
        Path functions = FUNCTIONS;
        assumeThat(Files.isRegularFile(functions.resolve("tracking/target/lem-tracking.jar")))
                .as("the shaded tracking jar is built by the reactor before this module's tests").isTrue();
        try (FakeAwsEndpoint aws = FakeAwsEndpoint.start()) {
            ColdStartBench bench = new ColdStartBench(functions, work, aws);
            ColdStartFunction tracking = bench.functions().stream().filter(f -> f.name().equals("tracking"))
                    .findFirst().orElseThrow();

            ColdStartBench.Run run = bench.run(tracking, ColdStartBench.Mode.PLAIN);

            assertThat(run.response()).isEqualTo("status 200");
            assertThat(aws.calls()).as("the pixel's activity went to the (fake) SQS").isEqualTo(1);
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            journey-admin | status 200
            reporting     | batch item failures 0
            outcome-rows  | stream output 25 bytes: {"result":"unknown_lead"}
            training      | stream output
            """)
    void run_handlersAddedToTheBench_answerTheirFirstEventFromAFreshJvm(String name, String expected)
            throws Exception {
        try (FakeAwsEndpoint aws = FakeAwsEndpoint.start()) {
            ColdStartBench bench = new ColdStartBench(FUNCTIONS, work, aws);
            ColdStartFunction function = bench.functions().stream().filter(f -> f.name().equals(name)).findFirst()
                    .orElseThrow();
            assumeThat(Files.isRegularFile(FUNCTIONS.resolve(function.module()).resolve("target").resolve(function.jarName())))
                    .as("the shaded %s jar is built by the reactor before this module's tests", function.module()).isTrue();

            ColdStartBench.Run run = bench.run(function, ColdStartBench.Mode.PLAIN);

            assertThat(run.response()).startsWith(expected);
            if (name.equals("training")) {
                assertThat(run.response()).as("no training rows in the (fake) table: a normal skipped run")
                        .contains("\"status\":\"skipped\"").contains("\"rows\":0");
            }
            assertThat(aws.calls()).as("the first event reached the (fake) AWS endpoint").isPositive();
        }
    }

    @Test
    void all_namesAreUniqueAndEveryEventIsJson() {
        List<ColdStartFunction> all = ColdStartFunction.all(new LinkSigner(new byte[32]));

        assertThat(all).extracting(ColdStartFunction::name).doesNotHaveDuplicates()
                .contains("api", "drip", "form-capture", "notifications", "router", "scoring", "tracking",
                        "journey-admin", "reporting", "outcome-rows", "training");
        assertThat(all).filteredOn(f -> f.name().equals("journey-admin") || f.name().equals("router"))
                .extracting(ColdStartFunction::module).containsOnly("router");
        assertThat(all).filteredOn(f -> f.name().equals("outcome-rows") || f.name().equals("training"))
                .extracting(ColdStartFunction::module).containsOnly("training");
        all.forEach(f -> assertThat(Json.tree(f.event()).isObject()).as(f.name()).isTrue());
    }

    @Test
    void all_coversEveryLambdaHandlerOfTheFunctionJars() throws Exception {
        assumeThat(Files.isDirectory(FUNCTIONS)).as("run from the local module of the repository").isTrue();
        Set<String> handlers = new TreeSet<>();
        try (Stream<Path> modules = Files.list(FUNCTIONS); Stream<Path> files = modules
                .map(module -> module.resolve("src/main/java")).filter(Files::isDirectory).flatMap(ColdStartBenchTest::walk)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                Matcher handler = HANDLER.matcher(Files.readString(file));
                if (handler.find()) {
                    String path = file.toString().replace('\\', '/');
                    String source = path.substring(path.indexOf("src/main/java/") + "src/main/java/".length());
                    handlers.add(source.substring(0, source.length() - ".java".length()).replace('/', '.'));
                }
            }
        }
        Set<String> benched = new TreeSet<>();
        ColdStartFunction.all(new LinkSigner(new byte[32])).forEach(f -> benched.add(f.handlerClass()));

        assertThat(handlers).as("handlers found").contains("dev.lem.training.lambda.TrainingHandler");
        Set<String> missing = new TreeSet<>(handlers);
        missing.removeAll(benched);
        assertThat(missing).as("Lambda handlers neither in the bench nor listed as not benched yet")
                .isEqualTo(new TreeSet<>(NOT_BENCHED));
    }

    private static Stream<Path> walk(Path root) {
        try {
            return Files.walk(root);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void reply_sendMessage_carriesTheMd5TheSdkChecks() {
        String reply = FakeAwsEndpoint.reply("AmazonSQS.SendMessage",
                "{\"QueueUrl\":\"q\",\"MessageBody\":\"hello\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8));

        assertThat(reply).contains("\"MD5OfMessageBody\":\"5d41402abc4b2a76b9719d911017c592\"");
    }

    @Test
    void median_ofEvenAndOddCounts() {
        assertThat(ColdStartBench.median(new double[] {3, 1, 2})).isEqualTo(2);
        assertThat(ColdStartBench.median(new double[] {4, 1, 3, 2})).isEqualTo(2.5);
    }
}
