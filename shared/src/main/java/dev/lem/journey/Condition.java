package dev.lem.journey;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One test on a lead's facts, e.g. {@code {"field":"score","gte":100}}: the operator names how the field's value
 * compares with the operand. A missing field fails every test but {@code exists:false} and {@code ne}.
 */
public record Condition(String field, Operator operator, JsonNode operand) {

    /** How a value is compared; numbers compare numerically, everything else as text. */
    public enum Operator {
        EQ("eq"), NE("ne"), IN("in"), GTE("gte"), GT("gt"), LTE("lte"), LT("lt"), CONTAINS("contains"), EXISTS("exists");

        private final String wireName;

        Operator(String wireName) {
            this.wireName = wireName;
        }

        public String wireName() {
            return wireName;
        }

        public static Optional<Operator> fromWireName(String name) {
            return java.util.Arrays.stream(values()).filter(o -> o.wireName.equals(name)).findFirst();
        }
    }

    public Condition {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(operator, "operator");
        Objects.requireNonNull(operand, "operand");
    }

    public boolean test(Facts facts) {
        if (field.equals(Facts.TAGS)) {
            return testTags(facts);
        }
        Optional<String> value = facts.value(field);
        return switch (operator) {
            case EXISTS -> value.isPresent() == operand.asBoolean();
            case EQ -> value.isPresent() && same(value.get(), operand);
            case NE -> value.isEmpty() || !same(value.get(), operand);
            case IN -> value.isPresent() && contains(operand, value.get());
            case GTE -> compare(value).map(c -> c >= 0).orElse(false);
            case GT -> compare(value).map(c -> c > 0).orElse(false);
            case LTE -> compare(value).map(c -> c <= 0).orElse(false);
            case LT -> compare(value).map(c -> c < 0).orElse(false);
            case CONTAINS -> value.isPresent() && value.get().contains(operand.asText());
        };
    }

    private boolean testTags(Facts facts) {
        return switch (operator) {
            case CONTAINS, EQ -> facts.tags().contains(operand.asText());
            case NE -> !facts.tags().contains(operand.asText());
            case IN -> streamOf(operand).anyMatch(facts.tags()::contains);
            case EXISTS -> facts.tags().isEmpty() != operand.asBoolean();
            case GTE, GT, LTE, LT -> false;
        };
    }

    private Optional<Integer> compare(Optional<String> value) {
        return value.flatMap(Condition::number).map(n -> n.compareTo(operand.decimalValue()));
    }

    private static boolean same(String value, JsonNode operand) {
        if (operand.isNumber()) {
            return number(value).map(n -> n.compareTo(operand.decimalValue()) == 0).orElse(false);
        }
        return value.equals(operand.asText());
    }

    private static boolean contains(JsonNode list, String value) {
        for (JsonNode item : list) {
            if (same(value, item)) {
                return true;
            }
        }
        return false;
    }

    private static java.util.stream.Stream<String> streamOf(JsonNode list) {
        List<String> items = new java.util.ArrayList<>();
        list.forEach(n -> items.add(n.asText()));
        return items.stream();
    }

    private static Optional<BigDecimal> number(String text) {
        try {
            return Optional.of(new BigDecimal(text));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** Whether every condition holds (an empty list holds). */
    public static boolean all(List<Condition> conditions, Facts facts) {
        return conditions.stream().allMatch(c -> c.test(facts));
    }
}
