package dev.lem.journey;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.NodePath;
import dev.lem.events.EventContract;
import dev.lem.json.Json;
import dev.lem.json.MalformedJsonException;
import dev.lem.lead.LeadState;
import dev.lem.messaging.Channel;
import dev.lem.messaging.MessageCategory;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import software.amazon.event.ruler.Machine;

/**
 * Reads a journey document: the JSON Schema ({@code journeys/schema.v1.json}, networknt) first, then the rules a
 * schema cannot say — step ids unique, every step named by {@code next}/{@code goto}/{@code otherwise}/
 * {@code onTimeout} exists, split percentages add up to at most 100, time zones exist, and every event pattern
 * compiles with event-ruler (EventBridge's matcher).
 */
public final class JourneyParser {

    public static final String SCHEMA_PATH = "journeys/schema.v1.json";
    public static final int MAX_DOCUMENT_BYTES = 256 * 1024;
    private static final Duration MAX_WAIT = Duration.ofDays(366);

    private final Schema schema;

    private JourneyParser(Schema schema) {
        this.schema = schema;
    }

    public static JourneyParser create() {
        SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
        return new JourneyParser(registry.getSchema(Json.tree(EventContract.resource(SCHEMA_PATH))));
    }

    /** @throws InvalidJourneyException with every problem found */
    public Journey parse(String document) {
        if (document == null || document.getBytes(StandardCharsets.UTF_8).length > MAX_DOCUMENT_BYTES) {
            throw InvalidJourneyException.of("document must be 1 byte to 256 KiB of JSON");
        }
        JsonNode tree;
        try {
            tree = Json.tree(document);
        } catch (MalformedJsonException e) {
            throw InvalidJourneyException.of("not JSON: " + e.getMessage());
        }
        return parse(tree);
    }

    public Journey parse(JsonNode tree) {
        if (tree == null || !tree.isObject()) {
            throw InvalidJourneyException.of("a journey must be a JSON object");
        }
        List<JourneyProblem> problems = new ArrayList<>(schema.validate(tree).stream().map(JourneyParser::problem).toList());
        if (!problems.isEmpty()) {
            throw new InvalidJourneyException(problems);
        }
        Journey journey = read(tree, problems);
        checkReferences(journey, problems);
        if (!problems.isEmpty()) {
            throw new InvalidJourneyException(problems);
        }
        return journey;
    }

    private Journey read(JsonNode tree, List<JourneyProblem> problems) {
        JsonNode reEntryNode = tree.path("reEntry");
        ReEntry reEntry = reEntryNode.isMissingNode() ? ReEntry.NEVER : switch (reEntryNode.get("policy").asText()) {
            case "after" -> new ReEntry(ReEntry.Policy.AFTER, Optional.of(Duration.ofDays(reEntryNode.get("days").asInt())));
            case "always" -> new ReEntry(ReEntry.Policy.ALWAYS, Optional.empty());
            default -> ReEntry.NEVER;
        };
        JsonNode entryPattern = tree.at("/entry/event");
        checkPattern("/entry/event", "entry.event", entryPattern, problems);
        Optional<JsonNode> goal = Optional.ofNullable(tree.at("/goal/event")).filter(n -> !n.isMissingNode());
        goal.ifPresent(p -> checkPattern("/goal/event", "goal.event", p, problems));
        List<Step> steps = new ArrayList<>();
        JsonNode stepNodes = tree.get("steps");
        for (int i = 0; i < stepNodes.size(); i++) {
            steps.add(step(stepNodes.get(i), JourneyProblem.child("/steps", i), problems));
        }
        return new Journey(tree.get("id").asText(), tree.get("version").asInt(), tree.path("name").asText(tree.get("id").asText()),
                entryPattern, conditions(tree.at("/entry/conditions")), reEntry, goal, steps);
    }

    private Step step(JsonNode node, String at, List<JourneyProblem> problems) {
        String id = node.get("id").asText();
        Optional<String> next = text(node, "next");
        return switch (node.get("type").asText()) {
            case "send" -> new Step.Send(id, next, Channel.fromWireName(node.get("channel").asText()),
                    MessageCategory.fromWireName(node.path("category").asText("marketing")), node.get("template").asText(),
                    stringMap(node.path("data")));
            case "wait" -> wait(id, next, node, at, problems);
            case "branch" -> new Step.Branch(id, next, rules(node.path("rules")), text(node, "otherwise"),
                    node.has("split") ? Optional.of(split(id, node.get("split"), at + "/split", problems)) : Optional.empty());
            case "update" -> new Step.Update(id, next, text(node, "state").map(LeadState::fromWireName),
                    node.path("points").asInt(0), strings(node.path("tags")));
            case "handToSales" -> new Step.HandToSales(id, next,
                    node.get("assignment").asText().equals("territory") ? Step.Assignment.TERRITORY : Step.Assignment.ROUND_ROBIN,
                    text(node, "territoryField"), node.path("template").asText("sales-task"), owners(node.get("owners")));
            case "survey" -> new Step.Survey(id, next, Channel.fromWireName(node.path("channel").asText("email")),
                    node.get("template").asText(), node.get("question").asText(),
                    duration(id, node.get("timeout").asText(), at + "/timeout", problems));
            case "exit" -> new Step.Exit(id);
            default -> throw new IllegalStateException("the schema admits no step type " + node.get("type"));
        };
    }

    private Step.Wait wait(String id, Optional<String> next, JsonNode node, String at, List<JourneyProblem> problems) {
        Optional<Step.Window> window = Optional.empty();
        if (node.has("window")) {
            JsonNode w = node.get("window");
            LocalTime from = LocalTime.parse(w.get("from").asText());
            LocalTime to = LocalTime.parse(w.get("to").asText());
            if (from.equals(to)) {
                problems.add(new JourneyProblem(at + "/window/to", "step " + id + ": window from and to must differ"));
            }
            Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
            for (String day : strings(w.path("days"))) {
                days.add(day(day));
            }
            Optional<String> zone = text(w, "timeZone");
            zone.ifPresent(z -> {
                try {
                    ZoneId.of(z);
                } catch (DateTimeException e) {
                    problems.add(new JourneyProblem(at + "/window/timeZone", "step " + id + ": unknown time zone " + z));
                }
            });
            window = Optional.of(new Step.Window(from, to, days.isEmpty() ? EnumSet.allOf(DayOfWeek.class) : days,
                    zone, text(w, "timeZoneField").map(f -> f.substring("profile.".length()))));
        }
        Optional<JsonNode> event = Optional.ofNullable(node.get("event"));
        event.ifPresent(p -> checkPattern(at + "/event", "step " + id + " event", p, problems));
        return new Step.Wait(id, next, text(node, "duration").map(d -> duration(id, d, at + "/duration", problems)), window, event,
                text(node, "timeout").map(d -> duration(id, d, at + "/timeout", problems)), text(node, "onTimeout"));
    }

    private static Step.Split split(String id, JsonNode node, String at, List<JourneyProblem> problems) {
        List<Step.Variant> variants = new ArrayList<>();
        double total = node.path("holdoutPercent").asDouble(0);
        for (JsonNode v : node.get("variants")) {
            variants.add(new Step.Variant(v.get("name").asText(), v.get("percent").asDouble(), v.get("goto").asText()));
            total += v.get("percent").asDouble();
        }
        if (total > 100.0 + 1e-9) {
            problems.add(new JourneyProblem(at, "step " + id + ": split variants and holdout add up to " + total + "%, more than 100%"));
        }
        return new Step.Split(variants, node.path("holdoutPercent").asDouble(0));
    }

    private static List<Step.Owner> owners(JsonNode node) {
        List<Step.Owner> owners = new ArrayList<>();
        for (JsonNode o : node) {
            owners.add(new Step.Owner(o.get("id").asText(), o.path("away").asBoolean(false), new HashSet<>(strings(o.path("territories")))));
        }
        return owners;
    }

    private static List<Step.Rule> rules(JsonNode node) {
        List<Step.Rule> rules = new ArrayList<>();
        for (JsonNode rule : node) {
            rules.add(new Step.Rule(conditions(rule.get("when")), rule.get("goto").asText()));
        }
        return rules;
    }

    /** Conditions as the schema admits them ({@code [{"field": ..., "<operator>": ...}]}); missing → none. */
    public static List<Condition> conditions(JsonNode node) {
        List<Condition> conditions = new ArrayList<>();
        if (node == null || node.isMissingNode()) {
            return conditions;
        }
        for (JsonNode c : node) {
            Iterator<Map.Entry<String, JsonNode>> fields = c.fields();
            String field = c.get("field").asText();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> entry = fields.next();
                if (!entry.getKey().equals("field")) {
                    conditions.add(new Condition(field, Condition.Operator.fromWireName(entry.getKey()).orElseThrow(),
                            entry.getValue()));
                }
            }
        }
        return conditions;
    }

    private void checkReferences(Journey journey, List<JourneyProblem> problems) {
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < journey.steps().size(); i++) {
            Step step = journey.steps().get(i);
            if (!ids.add(step.id())) {
                problems.add(new JourneyProblem(JourneyProblem.child("/steps", i) + "/id", "step id " + step.id() + " is used twice"));
            }
        }
        for (int i = 0; i < journey.steps().size(); i++) {
            Step step = journey.steps().get(i);
            String at = JourneyProblem.child("/steps", i);
            Map<String, String> targets = new java.util.LinkedHashMap<>();
            step.next().ifPresent(target -> targets.put(at + "/next", target));
            switch (step) {
                case Step.Branch b -> {
                    for (int r = 0; r < b.rules().size(); r++) {
                        targets.put(at + "/rules/" + r + "/goto", b.rules().get(r).target());
                    }
                    b.otherwise().ifPresent(target -> targets.put(at + "/otherwise", target));
                    b.split().ifPresent(s -> {
                        for (int v = 0; v < s.variants().size(); v++) {
                            targets.put(at + "/split/variants/" + v + "/goto", s.variants().get(v).target());
                        }
                    });
                }
                case Step.Wait w -> w.onTimeout().ifPresent(target -> targets.put(at + "/onTimeout", target));
                case Step.Send s -> { }
                case Step.Update u -> { }
                case Step.HandToSales h -> { }
                case Step.Survey s -> { }
                case Step.Exit e -> { }
            }
            targets.forEach((pointer, target) -> {
                if (!ids.contains(target)) {
                    problems.add(new JourneyProblem(pointer,
                            "step " + step.id() + " goes to " + target + ", which is not a step of this journey"));
                }
            });
        }
    }

    /** A schema error with the JSON pointer of the value it is about. */
    private static JourneyProblem problem(Error error) {
        String pointer = "";
        NodePath location = error.getInstanceLocation();
        for (int i = 0; location != null && i < location.getNameCount(); i++) {
            pointer = JourneyProblem.child(pointer, location.getElement(i));
        }
        return new JourneyProblem(pointer, error.getMessage());
    }

    private static void checkPattern(String at, String where, JsonNode pattern, List<JourneyProblem> problems) {
        try {
            new Machine().addRule("check", Json.write(pattern));
        } catch (Exception e) {
            problems.add(new JourneyProblem(at, where + " is not a valid event pattern: " + e.getMessage()));
        }
    }

    private static Duration duration(String stepId, String text, String at, List<JourneyProblem> problems) {
        try {
            Duration duration = Duration.parse(text);
            if (duration.isZero() || duration.isNegative() || duration.compareTo(MAX_WAIT) > 0) {
                problems.add(new JourneyProblem(at, "step " + stepId + ": duration " + text + " must be more than 0 and at most 366 days"));
            }
            return duration;
        } catch (DateTimeException e) {
            problems.add(new JourneyProblem(at, "step " + stepId + ": " + text + " is not an ISO-8601 duration"));
            return Duration.ofDays(1);
        }
    }

    private static DayOfWeek day(String name) {
        return switch (name) {
            case "mon" -> DayOfWeek.MONDAY;
            case "tue" -> DayOfWeek.TUESDAY;
            case "wed" -> DayOfWeek.WEDNESDAY;
            case "thu" -> DayOfWeek.THURSDAY;
            case "fri" -> DayOfWeek.FRIDAY;
            case "sat" -> DayOfWeek.SATURDAY;
            default -> DayOfWeek.SUNDAY;
        };
    }

    private static Optional<String> text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? Optional.empty() : Optional.of(value.asText());
    }

    private static List<String> strings(JsonNode node) {
        List<String> values = new ArrayList<>();
        if (node != null) {
            node.forEach(n -> values.add(n.asText()));
        }
        return values;
    }

    private static Map<String, String> stringMap(JsonNode node) {
        Map<String, String> map = new TreeMap<>();
        if (node != null && node.isObject()) {
            node.fields().forEachRemaining(e -> map.put(e.getKey(), e.getValue().asText()));
        }
        return map;
    }
}
