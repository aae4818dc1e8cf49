package dev.lem.capture;

import java.time.Instant;
import java.util.Optional;

/**
 * One HTTP form post as the service sees it (no API Gateway types).
 *
 * @param submissionId   unique per request (API Gateway's request id); the activity id of the submission
 * @param contentType    the request's Content-Type header, parameters included
 * @param body           the raw body, already base64-decoded
 * @param origin         the Origin header, for CORS on fetch posts
 * @param sourceIp       the client's IP (rate limit, hashed before use; never stored raw)
 * @param token          the {@code X-Lem-Token} header (the {@code lem_token} field wins when both are sent)
 * @param referer        the Referer header: where an HTML form with errors is sent back to
 * @param idempotencyKey the {@code Idempotency-Key} header
 * @param visitorCookie  the {@code lem_vid} cookie sent with the post, if any (the {@code lem_vid} field wins)
 */
public record FormSubmission(String submissionId, String formId, Optional<String> contentType, String body,
                             Optional<String> origin, Instant receivedAt, Optional<String> sourceIp,
                             Optional<String> token, Optional<String> referer, Optional<String> idempotencyKey,
                             Optional<String> visitorCookie) {

    public FormSubmission(String submissionId, String formId, Optional<String> contentType, String body,
                          Optional<String> origin, Instant receivedAt, Optional<String> sourceIp,
                          Optional<String> token, Optional<String> referer, Optional<String> idempotencyKey) {
        this(submissionId, formId, contentType, body, origin, receivedAt, sourceIp, token, referer, idempotencyKey,
                Optional.empty());
    }

    public FormSubmission(String submissionId, String formId, Optional<String> contentType, String body,
                          Optional<String> origin, Instant receivedAt) {
        this(submissionId, formId, contentType, body, origin, receivedAt, Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty());
    }

    /** The same post under another submission id (a retry resuming an interrupted capture keeps the first one's). */
    public FormSubmission withSubmissionId(String id) {
        return new FormSubmission(id, formId, contentType, body, origin, receivedAt, sourceIp, token, referer,
                idempotencyKey, visitorCookie);
    }

    public FormSubmission withVisitorCookie(String visitorId) {
        return new FormSubmission(submissionId, formId, contentType, body, origin, receivedAt, sourceIp, token, referer,
                idempotencyKey, Optional.of(visitorId));
    }

    public FormSubmission withToken(String headerToken) {
        return new FormSubmission(submissionId, formId, contentType, body, origin, receivedAt, sourceIp,
                Optional.of(headerToken), referer, idempotencyKey, visitorCookie);
    }
}
