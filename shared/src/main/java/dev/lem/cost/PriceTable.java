package dev.lem.cost;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lem.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * AWS list prices as data ({@code cost/prices.json}): the date they were taken ({@code asOf}), the region, the
 * Lambda architecture they are for, and per item its price, unit and source page.
 */
public record PriceTable(LocalDate asOf, String region, String currency, String architecture, Map<String, Price> prices) {

    public static final String RESOURCE = "cost/prices.json";
    public static final String LAMBDA_REQUEST = "lambda.request";
    public static final String LAMBDA_GB_SECOND = "lambda.gb-second";
    public static final String LOGS_INGESTION = "logs.ingestion";

    /** {@code usd} for {@code per} units ({@code 0.20} per {@code 1000000} invocations); {@code source} is the pricing page. */
    public record Price(BigDecimal usd, long per, String unit, URI source) {
        public Price {
            Objects.requireNonNull(usd, "usd");
            Objects.requireNonNull(unit, "unit");
            Objects.requireNonNull(source, "source");
            if (usd.signum() < 0 || per < 1) {
                throw new IllegalArgumentException("a price is a non-negative amount per one or more units");
            }
            if (!"https".equals(source.getScheme())) {
                throw new IllegalArgumentException("a price's source must be an https page");
            }
        }

        /** USD for one unit. */
        public BigDecimal perUnit() {
            return usd.divide(BigDecimal.valueOf(per), MathContext.DECIMAL128);
        }
    }

    public PriceTable {
        Objects.requireNonNull(asOf, "asOf");
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(currency, "currency");
        Objects.requireNonNull(architecture, "architecture");
        prices = Map.copyOf(prices);
        for (String required : new String[] {LAMBDA_REQUEST, LAMBDA_GB_SECOND}) {
            if (!prices.containsKey(required)) {
                throw new IllegalArgumentException("price table lacks " + required);
            }
        }
    }

    public Optional<Price> price(String item) {
        return Optional.ofNullable(prices.get(item));
    }

    /** The table shipped in the jar. */
    public static PriceTable builtIn() {
        try (InputStream in = PriceTable.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is not on the classpath");
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    /** Parses a price table; a missing or malformed field is an {@link IllegalArgumentException} naming it. */
    public static PriceTable parse(String json) {
        JsonNode root = Json.strictTree(json);
        Map<String, Price> prices = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.path("prices").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            JsonNode p = entry.getValue();
            try {
                prices.put(entry.getKey(), new Price(new BigDecimal(text(p, "usd")), Long.parseLong(text(p, "per")),
                        text(p, "unit"), URI.create(text(p, "source"))));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("price " + entry.getKey() + ": " + e.getMessage(), e);
            }
        }
        LocalDate asOf;
        try {
            asOf = LocalDate.parse(text(root, "asOf"));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("asOf must be a date (YYYY-MM-DD)", e);
        }
        return new PriceTable(asOf, text(root, "region"), text(root, "currency"), text(root, "architecture"), prices);
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull() || value.isContainerNode()) {
            throw new IllegalArgumentException("missing " + field);
        }
        return value.asText();
    }
}
