package dev.lem.local.bench.coldstart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CI smoke run of the cold-start bench: one plain start of the tracking jar, its real handler answering a signed
 * pixel through the fake AWS endpoint. Asserts only that a response came (no timing).
 */
class ColdStartBenchTest {

    @TempDir
    Path work;

    @Test
    void run_trackingJar_answersThePixelFromAFreshJvm() throws Exception {
        Path functions = Path.of("..", "functions");
        assumeThat(Files.isRegularFile(functions.resolve("tracking/target/lem-tracking.jar")))
                .as("the shaded tracking jar is built by the reactor before this module's tests").isTrue();
        try (FakeAwsEndpoint aws = FakeAwsEndpoint.start()) {
            ColdStartBench bench = new ColdStartBench(functions, work, aws);
            ColdStartFunction tracking = bench.functions().stream().filter(f -> f.module().equals("tracking"))
                    .findFirst().orElseThrow();

            ColdStartBench.Run run = bench.run(tracking, ColdStartBench.Mode.PLAIN);

            assertThat(run.response()).isEqualTo("status 200");
            assertThat(aws.calls()).as("the pixel's activity went to the (fake) SQS").isEqualTo(1);
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
