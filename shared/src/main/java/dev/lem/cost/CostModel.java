package dev.lem.cost;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Map;
import java.util.Objects;

/**
 * Turns {@link Usage} into US dollars with a {@link PriceTable}: Lambda invocations and GB-seconds (billed ms ×
 * memory), plus each meter's billed units at its price. Meters without a price (control-plane calls such as
 * DescribeTable, which AWS does not bill per request) cost nothing. Leaves out the free tier, data transfer and
 * storage.
 */
public final class CostModel {

    private static final BigDecimal MB_MS_PER_GB_SECOND = BigDecimal.valueOf(1024L * 1000L);

    private final PriceTable prices;

    public CostModel(PriceTable prices) {
        this.prices = Objects.requireNonNull(prices, "prices");
    }

    public PriceTable prices() {
        return prices;
    }

    /** USD of {@code usage}, unrounded. */
    public BigDecimal usd(Usage usage) {
        BigDecimal total = unitPrice(PriceTable.LAMBDA_REQUEST).multiply(BigDecimal.valueOf(usage.invocations()));
        BigDecimal gbSeconds = BigDecimal.valueOf(usage.billedMbMs()).divide(MB_MS_PER_GB_SECOND, MathContext.DECIMAL128);
        total = total.add(unitPrice(PriceTable.LAMBDA_GB_SECOND).multiply(gbSeconds));
        for (Map.Entry<String, Long> meter : usage.meters().entrySet()) {
            BigDecimal perUnit = prices.price(meter.getKey()).map(PriceTable.Price::perUnit).orElse(BigDecimal.ZERO);
            total = total.add(perUnit.multiply(BigDecimal.valueOf(meter.getValue())));
        }
        return total;
    }

    private BigDecimal unitPrice(String item) {
        return prices.price(item).orElseThrow().perUnit();
    }
}
