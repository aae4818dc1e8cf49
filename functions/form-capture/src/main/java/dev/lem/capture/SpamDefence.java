package dev.lem.capture;

import dev.lem.forms.FormDefinition;
import dev.lem.forms.SpamDefenceStore;
import dev.lem.lead.IdentityHasher;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * Spam checks that run before anything is written: the honeypot, the signed form token (signature, age, not too
 * fast), the per-IP rate limit, the optional CAPTCHA, and finally the token's one-time use.
 */
public final class SpamDefence {

    /** Hidden by CSS; humans leave it empty, naive bots fill it. */
    public static final String HONEYPOT_FIELD = "lem_hp";
    /** The hidden field carrying the form token (JSON posts may use the {@code X-Lem-Token} header instead). */
    public static final String TOKEN_FIELD = "lem_token";
    public static final Duration TOKEN_LIFETIME = Duration.ofHours(2);
    /** A token "issued" further in the future than this is forged or from a broken clock. */
    private static final Duration CLOCK_SKEW = Duration.ofSeconds(30);
    static final String TOO_FAST = "submitted too quickly, please try again";

    private final FormTokens tokens;
    private final SpamDefenceStore store;
    private final IdentityHasher hasher;
    private final Optional<CaptchaVerifier> captcha;

    public SpamDefence(FormTokens tokens, SpamDefenceStore store, IdentityHasher hasher, Optional<CaptchaVerifier> captcha) {
        this.tokens = tokens;
        this.store = store;
        this.hasher = hasher;
        this.captcha = captcha;
    }

    /** What the checks decided. */
    public sealed interface Verdict {
        /** @param token the verified token, claimed once the submission is otherwise accepted (none when tokens are off) */
        record Pass(Optional<FormTokens.Verified> token) implements Verdict {}

        record Refused(int status, String message, Map<String, String> fieldErrors, Optional<Long> retryAfterSeconds)
                implements Verdict {
            static Refused of(int status, String message) {
                return new Refused(status, message, Map.of(), Optional.empty());
            }
        }
    }

    public String issueToken(FormDefinition form, Instant now) {
        return tokens.issue(form.id(), now);
    }

    public static boolean honeypotFilled(Map<String, String> fields) {
        String value = fields.get(HONEYPOT_FIELD);
        return value != null && !value.isEmpty();
    }

    /** The stateless token checks, the rate limit and the CAPTCHA; nothing but the rate counter is written. */
    public Verdict check(FormDefinition form, Map<String, String> fields, FormSubmission submission) {
        Instant now = submission.receivedAt();
        Optional<FormTokens.Verified> verified = Optional.empty();
        if (form.requireToken()) {
            Optional<String> token = Optional.ofNullable(fields.get(TOKEN_FIELD)).filter(t -> !t.isEmpty())
                    .or(submission::token);
            if (token.isEmpty()) {
                return Verdict.Refused.of(400, "form token missing: fetch one from /f/" + form.id() + "/token");
            }
            verified = tokens.verify(form.id(), token.get());
            if (verified.isEmpty()) {
                return Verdict.Refused.of(400, "form token invalid");
            }
            Instant issued = verified.get().issuedAt();
            if (issued.isAfter(now.plus(CLOCK_SKEW)) || issued.plus(TOKEN_LIFETIME).isBefore(now)) {
                return Verdict.Refused.of(400, "form token expired: reload the page and try again");
            }
            if (issued.plusSeconds(form.minFillSeconds()).isAfter(now)) {
                return new Verdict.Refused(422, "some fields are invalid", Map.of(TOKEN_FIELD, TOO_FAST), Optional.empty());
            }
        }
        long epochSecond = now.getEpochSecond();
        Instant minute = Instant.ofEpochSecond(epochSecond - Math.floorMod(epochSecond, 60));
        long count = store.countSubmission(form.id(), hasher.hashIp(submission.sourceIp().orElse("unknown")), minute,
                minute.plusSeconds(120));
        if (count > form.maxSubmissionsPerMinutePerIp()) {
            return new Verdict.Refused(429, "too many submissions, please retry later", Map.of(),
                    Optional.of(minute.plusSeconds(60).getEpochSecond() - epochSecond));
        }
        if (captcha.isPresent() && !captcha.get().verify(fields.getOrDefault(CaptchaVerifier.RESPONSE_FIELD, ""),
                submission.sourceIp())) {
            return Verdict.Refused.of(400, "captcha verification failed");
        }
        return new Verdict.Pass(verified);
    }

    /** Gives the token back after a failed capture, so the client's retry with it is not taken for a replay. */
    public void release(Verdict.Pass pass) {
        pass.token().ifPresent(t -> store.releaseToken(t.nonce()));
    }

    /** Uses the token up; false when it was used before (a replay). */
    public boolean claim(Verdict.Pass pass) {
        return pass.token().map(t -> store.claimToken(t.nonce(), t.issuedAt().plus(TOKEN_LIFETIME))).orElse(true);
    }
}
