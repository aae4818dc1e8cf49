package dev.lem.scoring.rules;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.lem.json.Json;
import dev.lem.json.MalformedJsonException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The score models in force, read from a JSON document validated against
 * {@code dev/lem/scoring/score-models.schema.json} and then for what a schema cannot say (unique names and rule
 * ids, exactly one primary model, one condition per fit rule, {@code once} or {@code cap} but not both, positive
 * durations). The shipped default is {@code dev/lem/scoring/score-models.json}.
 */
public final class ScoreModels {

    public static final String DEFAULT_RESOURCE = "dev/lem/scoring/score-models.json";
    private static final String SCHEMA_RESOURCE = "dev/lem/scoring/score-models.schema.json";
    private static final String FREE_MAIL_RESOURCE = "dev/lem/scoring/free-mail-domains.txt";
    private static final Schema SCHEMA = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
            .getSchema(Json.tree(resource(SCHEMA_RESOURCE)));
    private static final Set<String> FREE_MAIL = Set.copyOf(resource(FREE_MAIL_RESOURCE).lines()
            .map(String::trim).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList());

    /** The document's shape. */
    private record Document(List<ScoreModel> models) {}

    private final List<ScoreModel> models;

    private ScoreModels(List<ScoreModel> models) {
        this.models = List.copyOf(models);
    }

    /** The models shipped with LEM. */
    public static ScoreModels defaults() {
        return parse(resource(DEFAULT_RESOURCE), DEFAULT_RESOURCE);
    }

    /**
     * @param source names the document in error messages
     * @throws RulesDocumentException listing every problem found, each with where it is
     */
    public static ScoreModels parse(String json, String source) {
        JsonNode tree;
        try {
            tree = Json.tree(json);
        } catch (MalformedJsonException e) {
            throw new RulesDocumentException(source, List.of("not valid JSON"));
        }
        List<String> schemaErrors = SCHEMA.validate(tree).stream().map(Error::toString).toList();
        if (!schemaErrors.isEmpty()) {
            throw new RulesDocumentException(source, schemaErrors);
        }
        List<ScoreModel> models = Json.convert(tree, Document.class).models();
        List<String> problems = check(models);
        if (!problems.isEmpty()) {
            throw new RulesDocumentException(source, problems);
        }
        return new ScoreModels(models);
    }

    private static List<String> check(List<ScoreModel> models) {
        List<String> problems = new ArrayList<>();
        Set<String> names = new HashSet<>();
        long primaries = models.stream().filter(ScoreModel::isPrimary).count();
        if (primaries != 1) {
            problems.add("exactly one model must have \"primary\": true, found " + primaries);
        }
        for (int m = 0; m < models.size(); m++) {
            ScoreModel model = models.get(m);
            String where = "/models/" + m;
            if (!names.add(model.name())) {
                problems.add(where + "/name: model name '" + model.name() + "' is used twice");
            }
            Set<String> ids = new HashSet<>();
            for (int i = 0; i < model.fit().size(); i++) {
                FitRule rule = model.fit().get(i);
                String at = where + "/fit/" + i;
                if (!ids.add(rule.id())) {
                    problems.add(at + "/id: rule id '" + rule.id() + "' is used twice in model '" + model.name() + "'");
                }
                if (rule.conditionCount() != 1) {
                    problems.add(at + ": needs exactly one of contains, in, between, freeMail (has " + rule.conditionCount() + ")");
                }
                if (rule.between() != null && rule.between().min().compareTo(rule.between().max()) > 0) {
                    problems.add(at + "/between: min " + rule.between().min() + " is above max " + rule.between().max());
                }
                if (rule.freeMail() != null && !FitRule.EMAIL_DOMAIN.equals(rule.field())) {
                    problems.add(at + "/freeMail: applies to the field " + FitRule.EMAIL_DOMAIN + " only");
                }
            }
            for (int i = 0; i < model.engagement().size(); i++) {
                EngagementRule rule = model.engagement().get(i);
                String at = where + "/engagement/" + i;
                if (!ids.add(rule.id())) {
                    problems.add(at + "/id: rule id '" + rule.id() + "' is used twice in model '" + model.name() + "'");
                }
                if (rule.isOnce() && rule.cap() != null) {
                    problems.add(at + ": has both once and cap; a rule counts once or up to a cap per period");
                }
                positive(rule.halfLife(), at + "/halfLife", problems);
                if (rule.cap() != null) {
                    positive(rule.cap().per(), at + "/cap/per", problems);
                }
            }
        }
        return problems;
    }

    private static void positive(String duration, String at, List<String> problems) {
        if (duration == null) {
            return;
        }
        try {
            if (Duration.parse(duration).compareTo(Duration.ofSeconds(1)) < 0) {
                problems.add(at + ": '" + duration + "' must be at least one second");
            }
        } catch (DateTimeParseException e) {
            problems.add(at + ": '" + duration + "' is not an ISO-8601 duration such as P14D");
        }
    }

    public List<ScoreModel> models() {
        return models;
    }

    public ScoreModel primary() {
        return models.stream().filter(ScoreModel::isPrimary).findFirst().orElseThrow();
    }

    public Set<String> freeMailDomains() {
        return FREE_MAIL;
    }

    private static String resource(String name) {
        try (InputStream in = ScoreModels.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
