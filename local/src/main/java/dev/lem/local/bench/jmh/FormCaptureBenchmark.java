package dev.lem.local.bench.jmh;

import dev.lem.capture.CaptureOutcome;
import dev.lem.capture.FormCaptureService;
import dev.lem.capture.FormSubmission;
import dev.lem.capture.FormTokens;
import dev.lem.capture.SpamDefence;
import dev.lem.forms.FormDefinition;
import dev.lem.lead.IdentityHasher;
import dev.lem.testing.fakes.InMemoryCaptureIdempotencyStore;
import dev.lem.testing.fakes.InMemoryFormStore;
import dev.lem.testing.fakes.InMemoryLeadStore;
import dev.lem.testing.fakes.InMemorySpamDefenceStore;
import dev.lem.testing.fakes.RecordingEventBus;
import dev.lem.testing.fakes.RecordingQueue;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * {@code POST /f/{id}}: the real {@link FormCaptureService} with spam defence on, in-memory stores. Every
 * operation is a new lead (distinct email and client IP) with a freshly issued form token, so each pays the whole
 * path: token issue and check, rate counter, JSON Schema validation, identity hash, dedupe, lead write, token claim,
 * the {@code lead.captured} event and the activity.
 */
@State(Scope.Thread)
public class FormCaptureBenchmark {

    private FormCaptureService service;
    private FormTokens tokens;
    private FormDefinition form;
    private long next;

    @Setup(Level.Iteration)
    public void setUp() {
        IdentityHasher identity = new IdentityHasher("identity-benchmark-key-32-bytes!!".getBytes(StandardCharsets.UTF_8));
        tokens = new FormTokens("form-token-benchmark-key-32-bytes".getBytes(StandardCharsets.UTF_8), new SecureRandom());
        form = FormDefinition.demo("https://www.example.com/thanks", List.of("https://www.example.com"))
                .withSpamDefence(true, FormDefinition.DEFAULT_MAX_SUBMISSIONS_PER_MINUTE_PER_IP,
                        FormDefinition.DEFAULT_MIN_FILL_SECONDS);
        InMemoryFormStore forms = new InMemoryFormStore();
        forms.save(form);
        service = new FormCaptureService(forms, new InMemoryLeadStore(), identity, new RecordingEventBus(),
                new RecordingQueue(), new SpamDefence(tokens, new InMemorySpamDefenceStore(), identity, Optional.empty()),
                new InMemoryCaptureIdempotencyStore());
    }

    @Benchmark
    public CaptureOutcome submit() {
        long n = next++;
        Instant now = Instant.now();
        String body = "{\"email\":\"lead" + n + "@bench.example.com\",\"name\":\"Bench " + n
                + "\",\"company\":\"Example\",\"consent_email\":true}";
        String ip = "10." + (n >> 16 & 0xff) + "." + (n >> 8 & 0xff) + "." + (n & 0xff);
        CaptureOutcome outcome = service.submit(new FormSubmission("s-" + n, form.id(), Optional.of("application/json"),
                body, Optional.of("https://www.example.com"), now, Optional.of(ip),
                Optional.of(tokens.issue(form.id(), now.minusSeconds(10))), Optional.empty(), Optional.empty(),
                Optional.empty()));
        if (!(outcome instanceof CaptureOutcome.Captured captured) || !captured.newLead()) {
            throw new IllegalStateException("submission not captured as a new lead: " + outcome);
        }
        return outcome;
    }
}
