package dev.lem.tracking;

import dev.lem.bus.EventBus;
import dev.lem.events.LeadActivity;
import dev.lem.json.Json;
import dev.lem.lead.Activity;
import dev.lem.lead.LeadId;
import dev.lem.links.LinkSigner;
import dev.lem.links.TrackingLinks;
import dev.lem.queue.MessageQueue;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Survey answers from the signed links of a {@code survey} step's message ({@code /t/s}, one link per answer
 * 0–10, see {@link TrackingLinks#surveyAnswerUrls}). An answer whose signature verifies is
 * <ol>
 *   <li>recorded as the lead's {@value LeadActivity#SURVEY_ANSWERED} activity on the activity queue, like a click
 *       (scoring keeps it in the lead's timeline), and</li>
 *   <li>published here as {@code lead.activity} with {@code survey} and {@code answer}, which the
 *       {@code survey-answers-to-router} rule delivers to the router, resuming the journey that asked.</li>
 * </ol>
 * Publishing here rather than from scoring is the shorter path: the answer reaches the journey without waiting for
 * a scoring batch, and scoring stays a consumer of activities that publishes only what it decides (scores, states).
 * <b>The first answer wins</b>, one per message × lead: both writes carry one id derived from the lead and the message
 * ({@code survey:<sha-256>}), so answering again — with the same link or another answer's link of the same message —
 * is the same activity (the activity store keeps the first) and an event for the same enrolment (the router resumes
 * a waiting survey step once; a later answer finds it no longer waiting). Of two answers racing within moments, the
 * first to arrive wins. Answers are recorded only by {@code POST /t/s} (the button of the confirmation page that
 * {@code GET /t/s} shows, see {@link #verify}): link scanners that fetch — even in a headless browser — never
 * press it. Posts by known automated agents ({@link AutomatedAgents}) are recorded as {@value #ANSWERED_AUTOMATED}
 * and not published.
 */
public final class SurveyAnswers {

    public static final String ANSWERED_AUTOMATED = LeadActivity.SURVEY_ANSWERED + ".automated";
    private static final Pattern MESSAGE_ID = Pattern.compile("[A-Za-z0-9._:#-]{1,128}");
    /** {@code <journey id>.<step id>}. */
    private static final Pattern SURVEY = Pattern.compile("[a-z0-9][a-z0-9-]{0,39}\\.[a-z0-9][a-z0-9-]{0,39}");
    private static final Pattern ANSWER = Pattern.compile("10|[0-9]");

    /** What became of an answer. */
    public enum Result { RECORDED, RECORDED_AUTOMATED, INVALID }

    /** A signed answer link's parts, verified: what the confirmation page shows and posts back. */
    public record Answer(String survey, String answer, String leadId, String messageId, String signature) {}

    private final LinkSigner signer;
    private final MessageQueue activityQueue;
    private final EventBus bus;
    private final AutomatedAgents automated;

    public SurveyAnswers(LinkSigner signer, MessageQueue activityQueue, EventBus bus, AutomatedAgents automated) {
        this.signer = signer;
        this.activityQueue = activityQueue;
        this.bus = bus;
        this.automated = automated;
    }

    public SurveyAnswers(LinkSigner signer, MessageQueue activityQueue, EventBus bus) {
        this(signer, activityQueue, bus, AutomatedAgents.builtIn());
    }

    /**
     * @throws dev.lem.queue.QueueUnavailableException when the queue is down (nothing was published)
     * @throws dev.lem.bus.EventPublishException when the bus is down (the activity is recorded; answering again
     *         with the same link publishes the same event)
     */
    public Result record(String survey, String answer, String leadId, String messageId, String signature,
                         String userAgent, Instant at) {
        if (verify(survey, answer, leadId, messageId, signature).isEmpty()) {
            return Result.INVALID;
        }
        Optional<String> reason = automated.reasonFor(userAgent);
        // one answer per message × lead: every link of the message (and every use of one) is the same activity and
        // event, so the first answer recorded is the lead's answer; an automated fetch has its own id (never blocks it)
        String activityId = reason.isPresent() ? "survey-automated:" + signature : answerId(leadId, messageId);
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("messageId", messageId);
        attributes.put("survey", survey);
        attributes.put("answer", answer);
        reason.ifPresent(r -> attributes.put("automated", r));
        String type = reason.isPresent() ? ANSWERED_AUTOMATED : LeadActivity.SURVEY_ANSWERED;
        activityQueue.send(Json.write(new Activity(activityId, new LeadId(leadId), type, at, attributes)));
        if (reason.isPresent()) {
            return Result.RECORDED_AUTOMATED;
        }
        bus.publish(LeadActivity.surveyAnswered(activityId, at, leadId, survey, Integer.parseInt(answer)));
        return Result.RECORDED;
    }

    /** The link's parts when its signature verifies over them (nothing is recorded). */
    public Optional<Answer> verify(String survey, String answer, String leadId, String messageId, String signature) {
        if (!valid(survey, answer, leadId, messageId)
                || !signer.verify(signature, TrackingLinks.SURVEY, survey, answer, leadId, messageId)) {
            return Optional.empty();
        }
        return Optional.of(new Answer(survey, answer, leadId, messageId, signature));
    }

    /** {@code survey:<sha-256 of lead and message>}: one id per message × lead, within the contract's 128 characters. */
    static String answerId(String leadId, String messageId) {
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
                    .digest((leadId + "\n" + messageId).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return "survey:" + java.util.HexFormat.of().formatHex(digest);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private static boolean valid(String survey, String answer, String leadId, String messageId) {
        return survey != null && SURVEY.matcher(survey).matches() && answer != null && ANSWER.matcher(answer).matches()
                && LeadId.isValid(leadId) && messageId != null && MESSAGE_ID.matcher(messageId).matches();
    }
}
