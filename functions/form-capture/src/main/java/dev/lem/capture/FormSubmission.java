package dev.lem.capture;

import java.time.Instant;
import java.util.Optional;

/**
 * One HTTP form post as the service sees it (no API Gateway types).
 *
 * @param submissionId unique per request (API Gateway's request id); the activity id of the submission
 * @param contentType  the request's Content-Type header, parameters included
 * @param body         the raw body, already base64-decoded
 * @param origin       the Origin header, for CORS on fetch posts
 */
public record FormSubmission(String submissionId, String formId, Optional<String> contentType, String body,
                             Optional<String> origin, Instant receivedAt) {}
