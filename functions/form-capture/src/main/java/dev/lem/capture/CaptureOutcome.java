package dev.lem.capture;

import dev.lem.forms.FormDefinition;
import dev.lem.lead.LeadId;
import java.util.Map;

/** What became of a submission; the handler turns it into an HTTP response. */
public sealed interface CaptureOutcome {

    /** The submission's media type decides the response: HTML redirect or JSON. */
    SubmissionFormat format();

    record Captured(SubmissionFormat format, FormDefinition form, LeadId leadId, boolean newLead) implements CaptureOutcome {}

    /** A client error: {@code status} is 400, 404, 413, 415 or 422; {@code fieldErrors} by field name. */
    record Rejected(SubmissionFormat format, int status, String message, Map<String, String> fieldErrors)
            implements CaptureOutcome {
        public Rejected {
            fieldErrors = Map.copyOf(fieldErrors);
        }

        public static Rejected of(SubmissionFormat format, int status, String message) {
            return new Rejected(format, status, message, Map.of());
        }
    }
}
