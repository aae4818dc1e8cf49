package dev.lem.local.campaigns;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lem.aws.AwsClients;
import dev.lem.config.AwsConfig;
import dev.lem.config.Env;
import dev.lem.journey.InvalidJourneyException;
import dev.lem.journey.Journey;
import dev.lem.journey.JourneyDeployer;
import dev.lem.journey.JourneyParser;
import dev.lem.journey.JourneyVersionConflictException;
import dev.lem.json.Json;
import dev.lem.store.DynamoDbJourneyStore;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * {@code lem campaigns validate|deploy DIR}: journeys as code. {@code validate} checks every {@code *.json} in DIR
 * (schema, references, patterns; one version of a journey per folder). {@code deploy} validates everything first,
 * then stores each journey version: into the running {@code lem up} (through its admin API, with the token from
 * {@code .lem/local.json}), or with {@code --aws --table NAME} into that DynamoDB table with your AWS credentials
 * ({@code LEM_REGION} or {@code AWS_REGION}). Exit status: 0 done, 1 invalid or refused, 2 usage.
 */
public final class Campaigns {

    static final String USAGE = """
            usage: lem campaigns validate DIR
                   lem campaigns deploy DIR [--dir LEM_DIR]          (into the running lem up)
                   lem campaigns deploy DIR --aws --table NAME      (into the deployed table; AWS credentials)""";

    private final JourneyParser parser = JourneyParser.create();
    private final PrintStream out;
    private final PrintStream err;

    Campaigns(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    public static void main(String[] args) {
        System.exit(new Campaigns(System.out, System.err).run(args, Env.system()));
    }

    int run(String[] args, Map<String, String> env) {
        if (args.length < 2 || !(args[0].equals("validate") || args[0].equals("deploy"))) {
            err.println(USAGE);
            return 2;
        }
        Path dir = Path.of(args[1]);
        boolean aws = false;
        String table = null;
        Path lemDir = Path.of("");
        for (int i = 2; i < args.length; i++) {
            switch (args[i]) {
                case "--aws" -> aws = true;
                case "--table" -> table = i + 1 < args.length ? args[++i] : null;
                case "--dir" -> lemDir = i + 1 < args.length ? Path.of(args[++i]) : null;
                default -> {
                    err.println("lem campaigns: unknown argument " + args[i]);
                    err.println(USAGE);
                    return 2;
                }
            }
        }
        if (args[0].equals("validate") && args.length > 2 || aws && table == null || lemDir == null) {
            err.println(USAGE);
            return 2;
        }
        Map<Path, String> documents;
        try {
            documents = read(dir);
        } catch (IOException | UncheckedIOException e) {
            err.println("lem campaigns: cannot read " + dir + ": " + e.getMessage());
            return 1;
        }
        if (!validate(documents)) {
            return 1;
        }
        if (args[0].equals("validate")) {
            return 0;
        }
        return aws ? deployToTable(documents, table, env) : deployToLemUp(documents, lemDir);
    }

    static Map<Path, String> read(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new IOException("not a directory");
        }
        Map<Path, String> documents = new java.util.TreeMap<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".json")).sorted().toList()) {
                documents.put(file, Files.readString(file, StandardCharsets.UTF_8));
            }
        }
        if (documents.isEmpty()) {
            throw new IOException("no *.json journey documents in it");
        }
        return documents;
    }

    private boolean validate(Map<Path, String> documents) {
        boolean valid = true;
        Map<String, Path> ids = new HashMap<>();
        for (Map.Entry<Path, String> document : documents.entrySet()) {
            String file = document.getKey().getFileName().toString();
            try {
                Journey journey = parser.parse(document.getValue());
                Path other = ids.putIfAbsent(journey.id(), document.getKey());
                if (other != null) {
                    err.println("✗ " + file + ": journey " + journey.id() + " is also defined in " + other.getFileName());
                    valid = false;
                } else {
                    out.println("✓ " + file + ": " + journey.key() + " (" + journey.steps().size() + " steps)");
                }
            } catch (InvalidJourneyException e) {
                valid = false;
                err.println("✗ " + file + ":");
                e.problems().forEach(p -> err.println("    " + p));
            }
        }
        return valid;
    }

    private int deployToTable(Map<Path, String> documents, String table, Map<String, String> env) {
        var dynamo = AwsClients.dynamoDb(AwsConfig.fromEnv(env));
        JourneyDeployer deployer = new JourneyDeployer(parser, new DynamoDbJourneyStore(dynamo, table, parser));
        int status = 0;
        for (Map.Entry<Path, String> document : documents.entrySet()) {
            try {
                JourneyDeployer.Deployment done = deployer.deploy(document.getValue());
                out.println(done.journeyId() + "@" + done.version() + ": " + done.result().name().toLowerCase(java.util.Locale.ROOT));
            } catch (JourneyVersionConflictException e) {
                err.println("✗ " + document.getKey().getFileName() + ": " + e.getMessage());
                status = 1;
            }
        }
        return status;
    }

    private int deployToLemUp(Map<Path, String> documents, Path lemDir) {
        Path localJson = lemDir.resolve(".lem").resolve("local.json");
        JsonNode local;
        try {
            local = Json.tree(Files.readString(localJson, StandardCharsets.UTF_8));
        } catch (IOException | RuntimeException e) {
            err.println("lem campaigns: no running lem up (" + localJson + " unreadable); start ./lem up, or use --aws --table");
            return 1;
        }
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        List<String> failures = new ArrayList<>();
        for (Map.Entry<Path, String> document : documents.entrySet()) {
            HttpRequest request = HttpRequest.newBuilder(URI.create(local.get("baseUrl").asText() + "/admin/journeys"))
                    .header("Authorization", "Bearer " + local.get("adminToken").asText())
                    .header("Content-Type", "application/json")
                    .timeout(Duration.ofSeconds(30))
                    .POST(HttpRequest.BodyPublishers.ofString(document.getValue())).build();
            try {
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() / 100 == 2) {
                    JsonNode body = Json.tree(response.body());
                    out.println(body.get("journeyId").asText() + "@" + body.get("version").asInt() + ": " + body.get("result").asText());
                } else {
                    failures.add(document.getKey().getFileName() + ": " + response.statusCode() + " " + response.body());
                }
            } catch (IOException e) {
                err.println("lem campaigns: lem up at " + local.get("baseUrl").asText() + " does not answer: " + e.getMessage());
                return 1;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return 1;
            }
        }
        failures.forEach(f -> err.println("✗ " + f));
        return failures.isEmpty() ? 0 : 1;
    }
}
