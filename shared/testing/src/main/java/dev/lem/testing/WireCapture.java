package dev.lem.testing;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.lem.config.AwsConfig;
import java.net.URI;
import java.util.List;

/**
 * Wire capture for the AWS APIs LEM calls but cannot run locally (EventBridge PutEvents, Scheduler,
 * SES v2, SNS): a WireMock server on 127.0.0.1 answering each like AWS does, recording the exact HTTP
 * requests the SDK sent so tests assert them, and able to answer with an error to test failure paths.
 */
public final class WireCapture implements AutoCloseable {

    /** An AWS API and how its requests are recognised on the wire. */
    public enum Service {
        EVENTBRIDGE, SCHEDULER, SES_V2, SNS, SECRETS_MANAGER;

        MappingBuilder matcher() {
            return switch (this) {
                case EVENTBRIDGE -> post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo("AWSEvents.PutEvents"));
                case SCHEDULER -> any(urlPathMatching("/schedules/.+"));
                case SES_V2 -> post(urlEqualTo("/v2/email/outbound-emails"));
                case SNS -> post(urlEqualTo("/")).withRequestBody(containing("Action=Publish"));
                case SECRETS_MANAGER -> post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo("secretsmanager.GetSecretValue"));
            };
        }

        boolean matches(LoggedRequest request) {
            String target = request.getHeader("X-Amz-Target");
            return switch (this) {
                case EVENTBRIDGE -> "AWSEvents.PutEvents".equals(target);
                case SCHEDULER -> request.getUrl().startsWith("/schedules/");
                case SES_V2 -> request.getUrl().equals("/v2/email/outbound-emails");
                case SNS -> request.getBodyAsString().contains("Action=Publish");
                case SECRETS_MANAGER -> "secretsmanager.GetSecretValue".equals(target);
            };
        }
    }

    private final WireMockServer server;

    private WireCapture(WireMockServer server) {
        this.server = server;
        stubSuccess();
    }

    public static WireCapture start() {
        WireMockServer server = new WireMockServer(WireMockConfiguration.options()
                .bindAddress("127.0.0.1").dynamicPort());
        server.start();
        return new WireCapture(server);
    }

    /** Client configuration that sends every AWS call here. */
    public AwsConfig awsConfig() {
        return AwsConfig.local(AwsEngines.REGION, URI.create(server.baseUrl()));
    }

    /** Requests the SDK sent to one service, oldest first. */
    public List<CapturedRequest> requests(Service service) {
        return server.getAllServeEvents().stream().map(e -> e.getRequest()).filter(service::matches)
                .map(CapturedRequest::of).toList().reversed();
    }

    /** The next calls to {@code service} get this HTTP status and body, until {@link #reset()}. */
    public void answerWithError(Service service, int status, String contentType, String body) {
        server.stubFor(service.matcher().atPriority(1)
                .willReturn(aResponse().withStatus(status).withHeader("Content-Type", contentType).withBody(body)));
    }

    /** Secrets Manager answers GetSecretValue with this string, until {@link #reset()}. */
    public void answerSecret(String secretString) {
        server.stubFor(Service.SECRETS_MANAGER.matcher().atPriority(3).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/x-amz-json-1.1")
                .withBody(dev.lem.json.Json.write(java.util.Map.of("ARN", "arn:aws:secretsmanager:eu-west-1:000000000000:secret:lem-key",
                        "Name", "lem-key", "SecretString", secretString)))));
    }

    /** Forgets recorded requests and error answers. */
    public void reset() {
        server.resetAll();
        stubSuccess();
    }

    private void stubSuccess() {
        server.stubFor(Service.EVENTBRIDGE.matcher().atPriority(5).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/x-amz-json-1.1")
                .withBody("{\"FailedEntryCount\":0,\"Entries\":[{\"EventId\":\"11111111-2222-3333-4444-555555555555\"}]}")));
        server.stubFor(post(urlPathMatching("/schedules/.+")).atPriority(5).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"ScheduleArn\":\"arn:aws:scheduler:eu-west-1:000000000000:schedule/lem/s\"}")));
        server.stubFor(delete(urlPathMatching("/schedules/.+")).atPriority(5).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("{}")));
        server.stubFor(Service.SES_V2.matcher().atPriority(5).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"MessageId\":\"0100018c-0000-4000-8000-000000000001-000000\"}")));
        server.stubFor(Service.SNS.matcher().atPriority(5).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "text/xml")
                .withBody("<PublishResponse xmlns=\"http://sns.amazonaws.com/doc/2010-03-31/\"><PublishResult>"
                        + "<MessageId>94f20ce6-13c5-43a0-9a9e-ca52d816e90b</MessageId></PublishResult>"
                        + "<ResponseMetadata><RequestId>f187a3c1-376f-11df-8963-01868b7c937a</RequestId>"
                        + "</ResponseMetadata></PublishResponse>")));
    }

    @Override
    public void close() {
        server.stop();
    }
}
