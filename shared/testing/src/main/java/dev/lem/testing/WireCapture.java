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

    /** One request and the HTTP status it was answered with. */
    public record Exchange(CapturedRequest request, int status) {}

    /**
     * An error answer for fault injection: HTTP status, the error type in {@code x-amzn-ErrorType} (how REST-JSON
     * services name their errors) and a JSON body with the message.
     */
    public record ErrorAnswer(int status, String errorType, String message) {}

    /** Decides, call by call, whether a call to a service is answered with an error instead (empty: answered normally). */
    @FunctionalInterface
    public interface FaultPolicy {
        java.util.Optional<ErrorAnswer> answerFor(Service service);
    }

    private final WireMockServer server;
    private final FaultInjector faults;

    private WireCapture(WireMockServer server, FaultInjector faults) {
        this.server = server;
        this.faults = faults;
        stubSuccess();
    }

    public static WireCapture start() {
        FaultInjector faults = new FaultInjector();
        WireMockServer server = new WireMockServer(WireMockConfiguration.options()
                .bindAddress("127.0.0.1").dynamicPort().extensions(faults));
        server.start();
        return new WireCapture(server, faults);
    }

    /**
     * From now on every call is first shown to {@code policy}, which may answer it with an error (e.g. throttling for
     * a share of the calls); {@link #reset()} ends it. Calls answered so are still recorded (see {@link #exchanges}).
     */
    public void injectFaults(FaultPolicy policy) {
        faults.policy = java.util.Objects.requireNonNull(policy, "policy");
    }

    /** Requests the SDK sent to one service with the status each was answered with, oldest first. */
    public List<Exchange> exchanges(Service service) {
        return server.getAllServeEvents().stream().filter(e -> service.matches(e.getRequest()))
                .map(e -> new Exchange(CapturedRequest.of(e.getRequest()), e.getResponse().getStatus()))
                .toList().reversed();
    }

    /** The WireMock extension behind {@link #injectFaults}: inert until given a policy. */
    private static final class FaultInjector implements com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2 {
        private volatile FaultPolicy policy;

        @Override
        public com.github.tomakehurst.wiremock.http.ResponseDefinition transform(
                com.github.tomakehurst.wiremock.stubbing.ServeEvent event) {
            FaultPolicy current = policy;
            com.github.tomakehurst.wiremock.http.ResponseDefinition normal = event.getResponseDefinition();
            if (current == null) {
                return normal;
            }
            for (Service service : Service.values()) {
                if (service.matches(event.getRequest())) {
                    return current.answerFor(service).map(error -> aResponse().withStatus(error.status())
                            .withHeader("Content-Type", "application/json")
                            .withHeader("x-amzn-ErrorType", error.errorType())
                            .withBody(dev.lem.json.Json.write(java.util.Map.of("message", error.message(),
                                    "Message", error.message())))
                            .build()).orElse(normal);
                }
            }
            return normal;
        }

        @Override
        public String getName() {
            return "lem-fault-injector";
        }
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
        faults.policy = null;
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
