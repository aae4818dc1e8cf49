package dev.lem.training;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.lem.json.Json;
import dev.lem.predict.Column;

import java.util.List;
import java.util.Map;

/**
 * A hand-written points baseline, the way a marketer scores without a model: each rule adds its points when a
 * column equals one of some values, or its number is at least / at most a bound. Read from JSON, e.g.
 * {@code {"rules":[{"column":"poutcome","equals":["success"],"points":40}, {"column":"campaign","atLeast":4,"points":-10}]}}.
 */
public record RulePoints(List<Rule> rules) {

    public RulePoints {
        rules = List.copyOf(rules);
        if (rules.isEmpty()) {
            throw new BadTrainingDataException("a rule-points baseline needs at least one rule");
        }
    }

    public record Rule(String column, List<String> equals, Double atLeast, Double atMost, int points) {
        public Rule {
            if (column == null || column.isBlank()) {
                throw new BadTrainingDataException("a baseline rule needs a column");
            }
            int conditions = (equals != null ? 1 : 0) + (atLeast != null ? 1 : 0) + (atMost != null ? 1 : 0);
            if (conditions != 1) {
                throw new BadTrainingDataException("baseline rule on '" + column
                        + "' needs exactly one of equals, atLeast, atMost");
            }
            equals = equals == null ? null : List.copyOf(equals);
        }

        boolean matches(String raw) {
            if (raw == null) {
                return false;
            }
            if (equals != null) {
                return equals.contains(raw.strip());
            }
            double value = Column.Numeric.parse(raw, Double.NaN);
            if (Double.isNaN(value)) {
                return false;
            }
            return atLeast != null ? value >= atLeast : value <= atMost;
        }
    }

    public static RulePoints fromJson(String json) {
        try {
            return Json.read(json, RulePoints.class);
        } catch (BadTrainingDataException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new BadTrainingDataException("the baseline rules are not valid JSON rules: " + e.getMessage());
        }
    }

    public double score(Map<String, String> record) {
        double points = 0;
        for (Rule rule : rules) {
            if (rule.matches(record.get(rule.column()))) {
                points += rule.points();
            }
        }
        return points;
    }

    /** Every rule's column must exist in the file. */
    void checkColumns(List<String> header) {
        for (Rule rule : rules) {
            if (!header.contains(rule.column())) {
                throw new BadTrainingDataException("baseline rule names column '" + rule.column()
                        + "' that the file does not have");
            }
        }
    }

    @JsonProperty("rules")
    @Override
    public List<Rule> rules() {
        return rules;
    }
}
