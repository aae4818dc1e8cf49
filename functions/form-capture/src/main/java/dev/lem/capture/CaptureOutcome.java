package dev.lem.capture;

import dev.lem.forms.FormDefinition;
import dev.lem.lead.LeadId;
import java.util.Map;
import java.util.Optional;

/** What became of a submission; the handler turns it into an HTTP response. */
public sealed interface CaptureOutcome {

    /** The submission's media type decides the response: HTML redirect or JSON. */
    SubmissionFormat format();

    /** The request's Origin when the form allows it: echoed as Access-Control-Allow-Origin; empty: no CORS headers. */
    Optional<String> corsOrigin();

    record Captured(SubmissionFormat format, FormDefinition form, LeadId leadId, boolean newLead,
                    Optional<String> corsOrigin) implements CaptureOutcome {
        public Captured(SubmissionFormat format, FormDefinition form, LeadId leadId, boolean newLead) {
            this(format, form, leadId, newLead, Optional.empty());
        }
    }

    /**
     * The honeypot was filled: answered exactly like {@link Captured} (with a decoy lead id that exists nowhere),
     * so a bot cannot tell; nothing was written or published.
     */
    record Ignored(SubmissionFormat format, FormDefinition form, LeadId decoyId, Optional<String> corsOrigin)
            implements CaptureOutcome {}

    /**
     * A client error: {@code status} is 400, 403, 404, 409, 413, 415, 422 or 429; {@code fieldErrors} by field name;
     * {@code retryAfterSeconds} for 429; {@code returnTo} for an HTML post with invalid fields whose Referer is on one
     * of the form's allowed origins (the response is a 303 back there with {@code lem_errors}).
     */
    record Rejected(SubmissionFormat format, int status, String message, Map<String, String> fieldErrors,
                    Optional<String> corsOrigin, Optional<Long> retryAfterSeconds, Optional<String> returnTo)
            implements CaptureOutcome {
        public Rejected {
            fieldErrors = Map.copyOf(fieldErrors);
        }

        public Rejected(SubmissionFormat format, int status, String message, Map<String, String> fieldErrors) {
            this(format, status, message, fieldErrors, Optional.empty(), Optional.empty(), Optional.empty());
        }

        public static Rejected of(SubmissionFormat format, int status, String message) {
            return new Rejected(format, status, message, Map.of());
        }

        Rejected withCors(Optional<String> origin) {
            return new Rejected(format, status, message, fieldErrors, origin, retryAfterSeconds, returnTo);
        }
    }
}
