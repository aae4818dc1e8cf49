package dev.lem.infra.template;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lem.messaging.EmailTemplateCatalog;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Capture;
import software.amazon.awscdk.assertions.Match;

/** SES: the configuration set and its feedback to SNS, and the email templates. */
class MessageChannelsTemplateTest {

    private final SynthesizedStack synth = SynthesizedStack.get();

    @Test
    void configurationSet_whenSynthesized_recordsReputationMetrics() {
        synth.template.resourceCountIs("AWS::SES::ConfigurationSet", 1);
        synth.template.hasResourceProperties("AWS::SES::ConfigurationSet", Match.objectLike(Map.of(
                "ReputationOptions", Map.of("ReputationMetricsEnabled", true),
                "SendingOptions", Map.of("SendingEnabled", true))));
    }

    @Test
    void configurationSet_whenMailIsBouncedComplainedDeliveredOpenedOrClicked_publishesToTheFeedbackTopic() {
        String configurationSet = synth.logicalId(synth.stack.channels().configurationSet());
        String topic = synth.logicalId(synth.stack.topics().sesFeedback());
        Capture events = new Capture();

        synth.template.hasResourceProperties("AWS::SES::ConfigurationSetEventDestination", Match.objectLike(Map.of(
                "ConfigurationSetName", Cfn.ref(configurationSet),
                "EventDestination", Match.objectLike(Map.of(
                        "Enabled", true,
                        "MatchingEventTypes", events,
                        "SnsDestination", Map.of("TopicARN", Cfn.ref(topic)))))));
        assertThat(Cfn.list(events.asArray()))
                .containsExactlyInAnyOrder("bounce", "complaint", "delivery", "open", "click");
    }

    @Test
    void feedbackTopic_whenSesPublishes_acceptsOnlyThisConfigurationSetOfThisAccount() {
        String topic = synth.logicalId(synth.stack.topics().sesFeedback());
        List<Map<String, Object>> statements = new ArrayList<>();
        synth.resources("AWS::SNS::TopicPolicy").values().forEach(p -> {
            Map<String, Object> props = Cfn.props(p);
            if (Cfn.list(props.get("Topics")).contains(Cfn.ref(topic))) {
                Cfn.list(Cfn.map(props.get("PolicyDocument")).get("Statement")).forEach(s -> statements.add(Cfn.map(s)));
            }
        });

        List<Map<String, Object>> fromSes = statements.stream()
                .filter(s -> Map.of("Service", "ses.amazonaws.com").equals(s.get("Principal"))).toList();
        assertThat(fromSes).hasSize(1);
        assertThat(fromSes.get(0).get("Action")).isEqualTo("sns:Publish");
        String condition = String.valueOf(fromSes.get(0).get("Condition"));
        assertThat(condition).containsIgnoringCase("aws:SourceAccount").containsIgnoringCase("aws:SourceArn")
                .contains(":configuration-set/").contains(synth.logicalId(synth.stack.channels().configurationSet()));
        assertThat(statements).anySatisfy(s -> assertThat(String.valueOf(s.get("Condition")))
                .contains("aws:SecureTransport=false"));
    }

    @Test
    void emailTemplates_whenSynthesized_areExactlyTheCatalogsWithTheirBareNamesAndParts() {
        List<Map<String, Object>> templates = synth.resources("AWS::SES::Template").values().stream()
                .map(t -> Cfn.map(Cfn.props(t).get("Template"))).toList();

        assertThat(templates).extracting(t -> t.get("TemplateName"))
                .containsExactlyInAnyOrderElementsOf(EmailTemplateCatalog.NAMES);
        EmailTemplateCatalog.load().all().forEach(expected -> synth.template.hasResourceProperties("AWS::SES::Template",
                Match.objectLike(Map.of("Template", Map.of(
                        "TemplateName", expected.name(),
                        "SubjectPart", expected.subject(),
                        "HtmlPart", expected.html(),
                        "TextPart", expected.text())))));
    }

    @Test
    void confirmTemplate_whenSynthesized_asksForConfirmationWithoutAnOpenPixel() {
        synth.template.hasResourceProperties("AWS::SES::Template", Match.objectLike(Map.of("Template", Match.objectLike(Map.of(
                "TemplateName", "confirm",
                "SubjectPart", "Please confirm your subscription",
                "HtmlPart", Match.stringLikeRegexp("href=\"\\{\\{confirmUrl\\}\\}\""))))));
        Map<String, Object> confirm = synth.resources("AWS::SES::Template").values().stream()
                .map(t -> Cfn.map(Cfn.props(t).get("Template"))).filter(t -> "confirm".equals(t.get("TemplateName")))
                .findFirst().orElseThrow();
        assertThat(String.valueOf(confirm.get("HtmlPart"))).doesNotContain("openPixelUrl");
    }

    @Test
    void sesFeedbackAndAlarmTopics_whenSynthesized_areOutputs() {
        synth.template.hasOutput("SesFeedbackTopicArn", Match.objectLike(Map.of(
                "Value", Cfn.ref(synth.logicalId(synth.stack.topics().sesFeedback())))));
        synth.template.hasOutput("AlarmTopicArn", Match.objectLike(Map.of(
                "Value", Cfn.ref(synth.logicalId(synth.stack.topics().alarms())))));
    }
}
