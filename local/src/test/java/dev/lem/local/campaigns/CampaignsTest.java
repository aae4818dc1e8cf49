package dev.lem.local.campaigns;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CampaignsTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final Campaigns campaigns = new Campaigns(new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));

    @TempDir
    Path dir;

    private int run(String... args) {
        return campaigns.run(args, Map.of());
    }

    private static String journey(String id, int version) {
        return """
                {"schemaVersion":1,"id":"%s","version":%d,
                 "entry":{"event":{"source":["lem.marketing"],"detail-type":["campaign.trigger"]}},
                 "steps":[{"id":"m","type":"send","channel":"email","template":"hello"}]}""".formatted(id, version);
    }

    @Test
    void validate_whenTheShippedExampleJourneys_acceptsEveryOne() {
        assertThat(run("validate", "journeys")).as(err.toString(StandardCharsets.UTF_8)).isZero();

        assertThat(out.toString(StandardCharsets.UTF_8)).contains("✓ trial-nurture.json: trial-nurture@1")
                .contains("✓ webinar-followup.json: webinar-followup@1");
    }

    @Test
    void validate_whenADocumentIsInvalid_listsEveryProblemPerFileAndFails() throws Exception {
        Files.writeString(dir.resolve("good.json"), journey("good", 1));
        Files.writeString(dir.resolve("bad.json"), journey("bad", 1).replace("\"template\":\"hello\"", "\"next\":\"nowhere\""));

        assertThat(run("validate", dir.toString())).isEqualTo(1);

        assertThat(out.toString(StandardCharsets.UTF_8)).contains("✓ good.json: good@1");
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("✗ bad.json:").contains("template");
    }

    @Test
    void validate_whenTwoFilesDefineOneJourney_fails() throws Exception {
        Files.writeString(dir.resolve("a.json"), journey("same", 1));
        Files.writeString(dir.resolve("b.json"), journey("same", 2));

        assertThat(run("validate", dir.toString())).isEqualTo(1);

        assertThat(err.toString(StandardCharsets.UTF_8)).contains("journey same is also defined in a.json");
    }

    @Test
    void validate_whenTheFolderIsMissingOrEmpty_failsWithTheReason() {
        assertThat(run("validate", dir.resolve("nope").toString())).isEqualTo(1);
        assertThat(run("validate", dir.toString())).isEqualTo(1);

        assertThat(err.toString(StandardCharsets.UTF_8)).contains("not a directory").contains("no *.json journey documents");
    }

    @Test
    void deploy_withoutARunningLemUp_failsAndSaysWhatToDo() throws Exception {
        Files.writeString(dir.resolve("a.json"), journey("a", 1));

        assertThat(run("deploy", dir.toString(), "--dir", dir.toString())).isEqualTo(1);

        assertThat(err.toString(StandardCharsets.UTF_8)).contains("no running lem up").contains("--aws --table");
    }

    @Test
    void deploy_whenAnInvalidDocumentIsInTheFolder_deploysNothing() throws Exception {
        Files.writeString(dir.resolve("a.json"), "{}");

        assertThat(run("deploy", dir.toString(), "--aws", "--table", "lem")).isEqualTo(1);

        assertThat(err.toString(StandardCharsets.UTF_8)).contains("✗ a.json:");
    }

    @Test
    void run_whenArgumentsAreWrong_printsUsageWithStatus2() {
        assertThat(run()).isEqualTo(2);
        assertThat(run("publish", "x")).isEqualTo(2);
        assertThat(run("deploy", "x", "--aws")).isEqualTo(2);
        assertThat(run("validate", "x", "--aws")).isEqualTo(2);
        assertThat(run("deploy", "x", "--colour")).isEqualTo(2);

        assertThat(err.toString(StandardCharsets.UTF_8)).contains("usage: lem campaigns validate DIR");
    }
}
