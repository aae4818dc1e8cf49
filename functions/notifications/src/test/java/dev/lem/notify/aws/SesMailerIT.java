package dev.lem.notify.aws;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import dev.lem.aws.AwsClients;
import dev.lem.config.AwsConfig;
import dev.lem.json.Json;
import dev.lem.lead.EmailAddress;
import dev.lem.notify.OutgoingEmail;
import dev.lem.notify.SendFailedException;
import dev.lem.testing.AwsEngines;
import dev.lem.testing.AwsEnginesExtension;
import dev.lem.testing.CapturedRequest;
import dev.lem.testing.WireCapture;
import dev.lem.testing.WireCapture.Service;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sesv2.model.MessageRejectedException;

/** SES v2 SendEmail on the wire: the exact request the SDK sends, and how SES's error answers are translated. */
@ExtendWith(AwsEnginesExtension.class)
class SesMailerIT {

    private static final String LEAD = "0b7e6a52-3c2d-4f8e-9a1b-5d6c7e8f9a0b";
    private static final String FROM = "LEM <hello@lem.example>";
    private static final OutgoingEmail WELCOME = new OutgoingEmail("welcome.1." + LEAD,
            EmailAddress.parse("ada@example.com").orElseThrow(), "welcome",
            Map.of("name", "Ada", "company", "Analytical", "openPixelUrl", "https://t.lem.example/t/o.gif?l=" + LEAD + "&m=x&s=y"));

    private final WireCapture wire;
    private final List<SesV2Client> clients = new ArrayList<>();
    private final List<WireMockServer> servers = new ArrayList<>();

    SesMailerIT(WireCapture wire) {
        this.wire = wire;
    }

    @BeforeEach
    void forgetEarlierRequests() {
        wire.reset();
    }

    @AfterEach
    void closeClients() {
        clients.forEach(SesV2Client::close);
        servers.forEach(WireMockServer::stop);
    }

    @Test
    void send_whenAccepted_sendsOneTemplatedSendEmailAndReturnsSesMessageId() {
        String providerId = mailer(wire.awsConfig(), Optional.of("lem-events")).send(WELCOME);

        assertThat(providerId).isEqualTo("0100018c-0000-4000-8000-000000000001-000000");
        CapturedRequest request = onlySesRequest();
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.header("Content-Type")).startsWith("application/json");
        assertThat(request.header("Authorization")).startsWith("AWS4-HMAC-SHA256 Credential=local/")
                .contains("/eu-west-1/ses/aws4_request");
        JsonNode body = request.json();
        assertThat(body.properties()).extracting(Map.Entry::getKey).containsExactlyInAnyOrder(
                "FromEmailAddress", "Destination", "Content", "EmailTags", "ConfigurationSetName");
        assertThat(body.get("FromEmailAddress").asText()).isEqualTo(FROM);
        assertThat(body.get("Destination")).isEqualTo(Json.tree("{\"ToAddresses\":[\"ada@example.com\"]}"));
        assertThat(body.get("Content").properties()).extracting(Map.Entry::getKey).containsExactly("Template");
        assertThat(body.at("/Content/Template/TemplateName").asText()).isEqualTo("welcome");
        assertThat(Json.tree(body.at("/Content/Template/TemplateData").asText())).isEqualTo(Json.mapper().valueToTree(WELCOME.data()));
        assertThat(body.get("EmailTags")).isEqualTo(Json.tree("[{\"Name\":\"lem-message-id\",\"Value\":\"welcome_1_" + LEAD + "\"}]"));
        assertThat(body.get("ConfigurationSetName").asText()).isEqualTo("lem-events");
    }

    @Test
    void send_whenEmailHasHeaders_putsThemOnTheTemplateContentInOrder() {
        OutgoingEmail marketing = new OutgoingEmail(WELCOME.messageId(), WELCOME.to(), "welcome-2", WELCOME.data(),
                new java.util.LinkedHashMap<>(java.util.Map.of()) {{
                    put("List-Unsubscribe", "<https://t.lem.example/u/" + LEAD + ".email.sig>");
                    put("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
                }});

        mailer(wire.awsConfig(), Optional.empty()).send(marketing);

        JsonNode headers = onlySesRequest().json().at("/Content/Template/Headers");
        assertThat(headers).hasSize(2);
        assertThat(headers.get(0).get("Name").asText()).isEqualTo("List-Unsubscribe");
        assertThat(headers.get(0).get("Value").asText()).isEqualTo("<https://t.lem.example/u/" + LEAD + ".email.sig>");
        assertThat(headers.get(1).get("Name").asText()).isEqualTo("List-Unsubscribe-Post");
        assertThat(headers.get(1).get("Value").asText()).isEqualTo("List-Unsubscribe=One-Click");
    }

    @Test
    void send_whenEmailHasNoHeaders_sendsNoHeadersField() {
        mailer(wire.awsConfig(), Optional.empty()).send(WELCOME);

        assertThat(onlySesRequest().json().at("/Content/Template").has("Headers")).isFalse();
    }

    @Test
    void send_whenNoConfigurationSet_leavesItOutOfTheRequest() {
        mailer(wire.awsConfig(), Optional.empty()).send(WELCOME);

        assertThat(onlySesRequest().json().has("ConfigurationSetName")).isFalse();
    }

    @ParameterizedTest
    @CsvSource({"welcome.1.abc, welcome_1_abc", "camp:2#lead, camp_2_lead", "plain-id_7, plain-id_7"})
    void send_whenMessageIdHasCharactersTagsRefuse_sendsTheTagWithUnderscores(String messageId, String tag) {
        mailer(wire.awsConfig(), Optional.empty()).send(new OutgoingEmail(messageId, WELCOME.to(), "welcome", Map.of()));

        assertThat(onlySesRequest().json().at("/EmailTags/0/Value").asText()).isEqualTo(tag);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "400 | MessageRejected                   | SES refused: MessageRejected",
            "400 | BadRequestException               | SES refused: BadRequestException",
            "404 | NotFoundException                 | SES refused: NotFoundException",
            "400 | MailFromDomainNotVerifiedException | SES refused: MailFromDomainNotVerifiedException",
            "400 | AccountSuspendedException         | SES refused: AccountSuspendedException"})
    void send_whenSesRefuses_throwsNonRetryableWithoutTheSdkRetrying(int status, String errorType, String message) {
        wire.answerWithError(Service.SES_V2, status, "application/json",
                "{\"__type\":\"" + errorType + "\",\"message\":\"x\"}");

        assertThatThrownBy(() -> mailer(wire.awsConfig(), Optional.empty()).send(WELCOME))
                .isInstanceOfSatisfying(SendFailedException.class, e -> assertThat(e.retryable()).isFalse())
                .hasMessage(message);
        assertThat(wire.requests(Service.SES_V2)).hasSize(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"MessageRejected", "MessageRejected:http://internal.amazon.com/coral/com.amazonaws.simpleemailv2/"})
    void send_whenSesNamesTheErrorInTheErrorTypeHeader_readsItFromThere(String errorType) {
        // what SES v2 (REST-JSON) really sends: the code in x-amzn-ErrorType, only a message in the body
        WireMockServer ses = new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort());
        servers.add(ses);
        ses.start();
        ses.stubFor(post(urlEqualTo("/v2/email/outbound-emails")).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json").withHeader("x-amzn-ErrorType", errorType)
                .withHeader("x-amzn-RequestId", "7a62c49f-347e-4fc4-9331-6e8eEXAMPLE")
                .withBody("{\"message\":\"x\"}")));

        assertThatThrownBy(() -> mailer(AwsConfig.local(AwsEngines.REGION, URI.create(ses.baseUrl())), Optional.empty()).send(WELCOME))
                .isInstanceOfSatisfying(SendFailedException.class, e -> {
                    assertThat(e.retryable()).isFalse();
                    assertThat(e.getCause()).isInstanceOf(MessageRejectedException.class);
                })
                .hasMessage("SES refused: MessageRejected");
    }

    @Test
    void send_whenSendingPaused_throwsRetryable() {
        wire.answerWithError(Service.SES_V2, 400, "application/json", "{\"__type\":\"SendingPausedException\",\"message\":\"x\"}");

        assertThatThrownBy(() -> mailer(wire.awsConfig(), Optional.empty()).send(WELCOME))
                .isInstanceOfSatisfying(SendFailedException.class, e -> assertThat(e.retryable()).isTrue())
                .hasMessage("SES sending paused");
    }

    @Test
    void send_whenSesFailsWith500_throwsRetryableAfterTheSdksOwnRetries() {
        wire.answerWithError(Service.SES_V2, 500, "application/json", "{\"message\":\"internal failure\"}");

        assertThatThrownBy(() -> mailer(wire.awsConfig(), Optional.empty()).send(WELCOME))
                .isInstanceOfSatisfying(SendFailedException.class, e -> assertThat(e.retryable()).isTrue())
                .hasMessage("SES failed (500)");
        assertThat(wire.requests(Service.SES_V2)).hasSizeGreaterThan(1);
    }

    @Test
    void send_whenSesUnreachable_throwsRetryable() {
        AwsConfig nowhere = AwsConfig.local(AwsEngines.REGION, URI.create("http://127.0.0.1:" + AwsEngines.freeLoopbackPort()));

        assertThatThrownBy(() -> mailer(nowhere, Optional.empty()).send(WELCOME))
                .isInstanceOfSatisfying(SendFailedException.class, e -> assertThat(e.retryable()).isTrue())
                .hasMessage("SES unreachable");
    }

    private SesMailer mailer(AwsConfig config, Optional<String> configurationSet) {
        SesV2Client client = AwsClients.sesV2(config);
        clients.add(client);
        return new SesMailer(client, FROM, configurationSet);
    }

    private CapturedRequest onlySesRequest() {
        List<CapturedRequest> requests = wire.requests(Service.SES_V2);
        assertThat(requests).hasSize(1);
        return requests.getFirst();
    }
}
