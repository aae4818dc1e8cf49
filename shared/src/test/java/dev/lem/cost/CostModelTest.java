package dev.lem.cost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CostModelTest {

    private static final String TABLE = """
            {"asOf": "2026-11-01", "region": "us-east-1", "currency": "USD", "architecture": "arm64",
             "prices": {
               "lambda.request":   {"usd": 0.20,  "per": 1000000, "unit": "invocation", "source": "https://aws.amazon.com/lambda/pricing/"},
               "lambda.gb-second": {"usd": 0.0000133334, "per": 1, "unit": "GB-s", "source": "https://aws.amazon.com/lambda/pricing/"},
               "dynamodb.read":    {"usd": 0.125, "per": 1000000, "unit": "RRU", "source": "https://aws.amazon.com/dynamodb/pricing/on-demand/"},
               "dynamodb.write":   {"usd": 0.625, "per": 1000000, "unit": "WRU", "source": "https://aws.amazon.com/dynamodb/pricing/on-demand/"},
               "sqs":              {"usd": 0.40,  "per": 1000000, "unit": "request", "source": "https://aws.amazon.com/sqs/pricing/"},
               "ses.email":        {"usd": 0.10,  "per": 1000, "unit": "email", "source": "https://aws.amazon.com/ses/pricing/"}
             }}""";

    private final CostModel model = new CostModel(PriceTable.parse(TABLE));

    @Test
    void usd_whenUsageIsTheHandComputedExample_matchesTheHandSum() {
        // 1 000 invocations, 500 000 billed ms at 1 024 MB = 512 000 000 MB-ms = 500 GB-s
        Usage usage = new Usage(Map.of(
                "dynamodb.read", 4_000L,   // 4 000 × 0.125 / 1e6 = 0.0005
                "dynamodb.write", 2_000L,  // 2 000 × 0.625 / 1e6 = 0.00125
                "sqs", 3_000L,             // 3 000 × 0.40 / 1e6  = 0.0012
                "ses.email", 30L,          //    30 × 0.10 / 1e3  = 0.003
                "dynamodb.other", 5L),     // control plane: no price, 0
                1_000, 500_000, 512_000_000L);
        // requests: 1 000 × 0.20 / 1e6 = 0.0002 ; GB-s: 500 × 0.0000133334 = 0.0066667
        // total = 0.0002 + 0.0066667 + 0.0005 + 0.00125 + 0.0012 + 0.003 = 0.0128167
        assertThat(model.usd(usage)).isEqualByComparingTo(new BigDecimal("0.0128167"));
    }

    @Test
    void usd_whenNoUsage_isZero() {
        assertThat(model.usd(Usage.NONE)).isEqualByComparingTo(BigDecimal.ZERO);
    }

    @Test
    void builtInTable_hasEveryPricedItemWithItsSourceAndDate() {
        PriceTable table = PriceTable.builtIn();

        assertThat(table.region()).isEqualTo("us-east-1");
        assertThat(table.architecture()).isEqualTo("arm64");
        assertThat(table.currency()).isEqualTo("USD");
        assertThat(table.prices()).containsKeys("lambda.request", "lambda.gb-second", RequestMeters.DYNAMODB_READ,
                RequestMeters.DYNAMODB_WRITE, RequestMeters.SQS, RequestMeters.EVENTBRIDGE, RequestMeters.SCHEDULER,
                RequestMeters.SES_EMAIL, RequestMeters.SNS_SMS, RequestMeters.APIGATEWAY, PriceTable.LOGS_INGESTION);
        assertThat(table.prices().values()).allSatisfy(p -> assertThat(p.source().getHost()).isEqualTo("aws.amazon.com"));
    }

    @Test
    void parse_whenAPriceLacksItsSource_namesThePrice() {
        assertThatThrownBy(() -> PriceTable.parse(TABLE.replace(", \"source\": \"https://aws.amazon.com/sqs/pricing/\"", "")))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("price sqs: missing source");
    }

    @Test
    void parse_whenASourceIsNotHttps_refusesIt() {
        assertThatThrownBy(() -> PriceTable.parse(TABLE.replace("https://aws.amazon.com/sqs/", "http://aws.amazon.com/sqs/")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("https");
    }

    @Test
    void parse_whenAsOfIsNotADate_saysSo() {
        assertThatThrownBy(() -> PriceTable.parse(TABLE.replace("2026-11-01", "November")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("asOf");
    }
}
