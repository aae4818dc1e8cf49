package dev.lem.journey;

import dev.lem.json.Json;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The journey admin operations as HTTP answers, one place for both front doors: the deployed admin API (the
 * journeys function, IAM-authorised) and {@code lem up}'s admin endpoints (admin token). Deploy validates with
 * {@link JourneyDeployer} (the same schema and semantic checks as {@code lem campaigns validate}) and answers
 * 201 created, 200 unchanged (the same version with the same content), 400 with every problem and its JSON
 * pointer, 409 when the version exists with other content (versions are immutable: bump {@code version}).
 * List answers the latest version of each journey; get answers one journey's latest (or {@code version=N}) with
 * its document, 404 when there is none.
 */
public final class JourneyAdmin {

    /** Journey ids as the schema admits them; anything else cannot name a journey (404 without a lookup). */
    private static final Pattern JOURNEY_ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,39}");
    private static final Pattern VERSION = Pattern.compile("[1-9][0-9]{0,5}");

    /** Status and JSON body (a map or list, written with {@link Json}). */
    public record Reply(int status, Object body) {
        public String json() {
            return Json.write(body);
        }
    }

    private final JourneyDeployer deployer;
    private final JourneySource journeys;

    public JourneyAdmin(JourneyDeployer deployer, JourneySource journeys) {
        this.deployer = deployer;
        this.journeys = journeys;
    }

    /** Over a journey store: deployed journeys above the built-in ones, as the router sees them. */
    public static JourneyAdmin over(JourneyParser parser, JourneyStore store) {
        return new JourneyAdmin(new JourneyDeployer(parser, store), new LayeredJourneySource(BuiltInJourneys.load(parser), store));
    }

    /** {@code POST /admin/journeys} with the document as the body (UTF-8). */
    public Reply deploy(byte[] body) {
        if (body == null || body.length == 0) {
            return error(400, "the body must be a journey document (JSON)", List.of(JourneyProblem.ofDocument("empty body")));
        }
        if (body.length > JourneyParser.MAX_DOCUMENT_BYTES) {
            return error(413, "a journey document is at most " + JourneyParser.MAX_DOCUMENT_BYTES + " bytes", List.of());
        }
        try {
            JourneyDeployer.Deployment deployment = deployer.deploy(new String(body, StandardCharsets.UTF_8));
            Map<String, Object> reply = new LinkedHashMap<>();
            reply.put("journeyId", deployment.journeyId());
            reply.put("version", deployment.version());
            reply.put("result", deployment.result().name().toLowerCase(Locale.ROOT));
            return new Reply(deployment.result() == JourneyStore.Deployed.CREATED ? 201 : 200, reply);
        } catch (InvalidJourneyException e) {
            return error(400, "invalid journey", e.details());
        } catch (JourneyVersionConflictException e) {
            return error(409, e.getMessage(), List.of());
        }
    }

    /** {@code GET /admin/journeys}: the latest version of each journey, by id. */
    public Reply list() {
        return new Reply(200, journeys.current().stream().sorted(Comparator.comparing(Journey::id))
                .map(JourneyAdmin::summary).toList());
    }

    /** {@code GET /admin/journeys/{id}}, optionally {@code ?version=N}. */
    public Reply get(String journeyId, Optional<String> version) {
        if (journeyId == null || !JOURNEY_ID.matcher(journeyId).matches()) {
            return error(404, "no such journey", List.of());
        }
        if (version.isPresent() && !VERSION.matcher(version.get()).matches()) {
            return error(400, "version must be a positive integer", List.of());
        }
        Optional<Journey> journey = version.isPresent()
                ? journeys.find(journeyId, Integer.parseInt(version.get()))
                : journeys.current().stream().filter(j -> j.id().equals(journeyId)).findFirst();
        if (journey.isEmpty()) {
            return error(404, "no such journey" + version.map(v -> " version").orElse(""), List.of());
        }
        Map<String, Object> reply = summary(journey.get());
        journeys.document(journeyId, journey.get().version()).map(Json::tree)
                .ifPresent(document -> reply.put("document", document));
        return new Reply(200, reply);
    }

    private static Map<String, Object> summary(Journey journey) {
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("journeyId", journey.id());
        summary.put("version", journey.version());
        summary.put("name", journey.name());
        summary.put("steps", journey.steps().size());
        return summary;
    }

    private static Reply error(int status, String message, List<JourneyProblem> problems) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", message);
        if (!problems.isEmpty()) {
            body.put("problems", problems.stream().map(p -> Map.of("pointer", p.pointer(), "message", p.message())).toList());
        }
        return new Reply(status, body);
    }
}
