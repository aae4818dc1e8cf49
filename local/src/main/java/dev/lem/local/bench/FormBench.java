package dev.lem.local.bench;

import dev.lem.capture.CaptureOutcome;
import dev.lem.capture.FormCaptureService;
import dev.lem.capture.FormSubmission;
import dev.lem.capture.FormTokens;
import dev.lem.capture.SpamDefence;
import dev.lem.forms.FormDefinition;
import dev.lem.lead.IdentityHasher;
import dev.lem.queue.MessageQueue;
import dev.lem.store.DynamoDbCaptureIdempotencyStore;
import dev.lem.store.DynamoDbFormStore;
import dev.lem.store.DynamoDbLeadStore;
import dev.lem.store.DynamoDbSpamDefenceStore;
import dev.lem.testing.AwsEngines;
import dev.lem.testing.fakes.RecordingEventBus;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Form capture against DynamoDB Local (in this JVM, over HTTP on 127.0.0.1): the real
 * {@link FormCaptureService} with DynamoDB lead, form and spam-defence stores, the event bus and activity
 * queue faked. Each submission is a new lead (distinct email, distinct client IP) with a valid form token,
 * so every one pays the full path: form read, token check, rate counter, dedupe, lead write, token claim.
 */
final class FormBench {

    private FormBench() {}

    static Latencies run(int warmUp, int submissions) {
        SecureRandom random = new SecureRandom();
        byte[] identityKey = new byte[32];
        byte[] formTokenKey = new byte[32];
        random.nextBytes(identityKey);
        random.nextBytes(formTokenKey);
        try (AwsEngines engines = AwsEngines.start()) {
            String table = engines.createTable();
            var dynamo = engines.dynamoDb();
            var forms = new DynamoDbFormStore(dynamo, table);
            FormDefinition form = FormDefinition.demo("https://www.example.com/thanks", List.of("https://www.example.com"))
                    .withSpamDefence(true, FormDefinition.DEFAULT_MAX_SUBMISSIONS_PER_MINUTE_PER_IP,
                            FormDefinition.DEFAULT_MIN_FILL_SECONDS);
            forms.save(form);
            IdentityHasher identity = new IdentityHasher(identityKey);
            FormTokens tokens = new FormTokens(formTokenKey, random);
            MessageQueue queue = body -> { };
            FormCaptureService service = new FormCaptureService(forms, new DynamoDbLeadStore(dynamo, table), identity,
                    new RecordingEventBus(), queue,
                    new SpamDefence(tokens, new DynamoDbSpamDefenceStore(dynamo, table), identity, Optional.empty()),
                    new DynamoDbCaptureIdempotencyStore(dynamo, table));

            for (int i = 0; i < warmUp; i++) {
                submit(service, tokens, form, "warm-" + i);
            }
            long[] nanos = new long[submissions];
            long start = System.nanoTime();
            for (int i = 0; i < submissions; i++) {
                FormSubmission submission = submission(tokens, form, "run-" + i);
                long t0 = System.nanoTime();
                CaptureOutcome outcome = service.submit(submission);
                nanos[i] = System.nanoTime() - t0;
                check(outcome);
            }
            long wall = System.nanoTime() - start;
            return new Latencies("form-capture POST /f/{id} (DynamoDB Local)", nanos, wall);
        }
    }

    private static void submit(FormCaptureService service, FormTokens tokens, FormDefinition form, String who) {
        check(service.submit(submission(tokens, form, who)));
    }

    private static FormSubmission submission(FormTokens tokens, FormDefinition form, String who) {
        Instant now = Instant.now();
        String token = tokens.issue(form.id(), now.minusSeconds(10));
        String body = "{\"email\":\"" + who + "@bench.example.com\",\"name\":\"Bench " + who
                + "\",\"company\":\"Example\",\"consent_email\":true}";
        int n = Math.abs(who.hashCode());
        String ip = "10." + (n >> 16 & 0xff) + "." + (n >> 8 & 0xff) + "." + (n & 0xff);
        return new FormSubmission(UUID.randomUUID().toString(), form.id(), Optional.of("application/json"), body,
                Optional.of("https://www.example.com"), now, Optional.of(ip), Optional.of(token), Optional.empty(),
                Optional.empty());
    }

    private static void check(CaptureOutcome outcome) {
        if (!(outcome instanceof CaptureOutcome.Captured captured) || !captured.newLead()) {
            throw new IllegalStateException("submission not captured as a new lead: " + describe(outcome));
        }
    }

    private static String describe(CaptureOutcome outcome) {
        return switch (outcome) {
            case CaptureOutcome.Rejected r -> "rejected " + r.status() + " " + r.message() + " " + r.fieldErrors();
            default -> outcome.getClass().getSimpleName();
        };
    }
}
