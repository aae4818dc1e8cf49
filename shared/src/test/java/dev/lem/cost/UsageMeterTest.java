package dev.lem.cost;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class UsageMeterTest {

    @Test
    void request_whenCounted_addsBilledUnitsPerMeterAndOnePerOperation() {
        UsageMeter meter = new UsageMeter();

        meter.request("DynamoDb", "GetItem", false, 1);
        meter.request("DynamoDb", "Query", false, 1);
        meter.request("DynamoDb", "PutItem", false, 1);
        meter.request("EventBridge", "PutEvents", false, 3);
        meter.request("Sns", "Publish", true, 1);

        assertThat(meter.meters()).containsOnly(java.util.Map.entry("dynamodb.read", 2L), java.util.Map.entry("dynamodb.write", 1L),
                java.util.Map.entry("eventbridge", 3L), java.util.Map.entry("sns.sms", 1L));
        assertThat(meter.operations()).containsEntry("EventBridge.PutEvents", 1L).containsEntry("DynamoDb.GetItem", 1L);
    }

    @Test
    void campaign_whenOneCampaign_isThatCampaign() {
        UsageMeter meter = new UsageMeter();
        meter.campaign("spring");
        meter.campaign("spring");

        assertThat(meter.campaign()).contains("spring");
    }

    @Test
    void campaign_whenTwoCampaigns_isNoneEvenIfTheFirstComesBack() {
        UsageMeter meter = new UsageMeter();
        meter.campaign("spring");
        meter.campaign("autumn");
        meter.campaign("spring");

        assertThat(meter.campaign()).isEmpty();
    }

    @Test
    void campaign_whenNotAPlainIdentifier_isIgnoredSoTheDimensionStaysBounded() {
        UsageMeter meter = new UsageMeter();
        meter.campaign("a@b.example");
        meter.campaign("x".repeat(65));
        meter.campaign(null);

        assertThat(meter.campaign()).isEmpty();
    }

    @Test
    void meterOf_whenControlPlaneOrSchedulerApi_isNotBilledAsARequest() {
        assertThat(RequestMeters.meterOf("DynamoDb", "DescribeTable", false)).isEqualTo("dynamodb.other");
        assertThat(RequestMeters.meterOf("Scheduler", "DeleteSchedule", false)).isEqualTo("scheduler.other");
        assertThat(RequestMeters.meterOf("Scheduler", "CreateSchedule", false)).isEqualTo("scheduler");
        assertThat(RequestMeters.meterOf("SesV2", "SendEmail", false)).isEqualTo("ses.email");
        assertThat(RequestMeters.meterOf("Sns", "Publish", false)).isEqualTo("sns.publish");
        assertThat(RequestMeters.serviceOf("dynamodb.read")).isEqualTo("dynamodb");
    }

    @Test
    void open_whenNested_restoresTheOuterMeterOnClose() {
        UsageMeter outer = new UsageMeter();
        UsageMeter inner = new UsageMeter();
        try (Metering.Scope a = Metering.open(outer)) {
            try (Metering.Scope b = Metering.open(inner)) {
                Metering.request("Sqs", "SendMessage", 1);
            }
            Metering.request("Sqs", "SendMessage", 1);
            Metering.request("Sqs", "SendMessage", 1);
        }
        Metering.request("Sqs", "SendMessage", 1);

        assertThat(inner.meters()).containsEntry("sqs", 1L);
        assertThat(outer.meters()).containsEntry("sqs", 2L);
        assertThat(Metering.current()).isEmpty();
    }
}
