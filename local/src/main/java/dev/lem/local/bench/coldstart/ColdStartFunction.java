package dev.lem.local.bench.coldstart;

import dev.lem.config.EnvNames;
import dev.lem.links.LinkSigner;
import java.util.List;
import java.util.Map;

/**
 * One entry of the cold-start bench: its name (what {@code --function} selects and the table shows), the function
 * module whose shaded jar holds the handler, the handler the probe constructs, and the sample event of its first
 * invocation (JSON as the probe deserializes it: Lambda's typed events with Jackson's bean names), and the variables
 * only this handler gets on top of {@code ColdStartBench}'s common environment (the model bucket, which would also
 * switch scoring to reading the published model). A jar with two Lambda handlers (router: router and journey-admin;
 * training: outcome-rows and training) has two entries.
 */
record ColdStartFunction(String name, String module, String handlerClass, String event, Map<String, String> environment) {

    ColdStartFunction {
        environment = Map.copyOf(environment);
    }

    /** One of the two handlers of a jar. */
    ColdStartFunction(String name, String module, String handlerClass, String event) {
        this(name, module, handlerClass, event, Map.of());
    }

    /** An entry named after its module: the jar's only handler. */
    ColdStartFunction(String module, String handlerClass, String event) {
        this(module, module, handlerClass, event);
    }

    static final String LEAD = "0b7e6a52-3c2d-4f8e-9a1b-5d6c7e8f9a0b";

    /** The jar Maven's shade plugin writes: {@code functions/<module>/target/lem-<module>.jar}. */
    String jarName() {
        return "lem-" + module + ".jar";
    }

    /** Every Lambda handler of the function jars, with the event of a typical first request. */
    static List<ColdStartFunction> all(LinkSigner trackingSigner) {
        String message = "welcome.1." + LEAD;
        String captured = bus("lead.captured", "2026-11-23T10:15:30Z", """
                {"schemaVersion":1,"eventId":"capture-1","occurredAt":"2026-11-23T10:15:30Z","leadId":"%s",\
                "formId":"demo","newLead":true,"state":"lead","emailConsent":true}""".formatted(LEAD));
        return List.of(
                new ColdStartFunction("api", "dev.lem.api.lambda.ApiHandler", http("GET", "/leads/" + LEAD, "GET /leads/{id}",
                        "", "")),
                new ColdStartFunction("drip", "dev.lem.drip.lambda.DripHandler", """
                        {"leadId":"%s","campaignId":"welcome","step":3,"dueAt":"2026-11-25T10:00:00Z","journeyVersion":1,\
                        "run":1,"seq":1}""".formatted(LEAD)),
                new ColdStartFunction("form-capture", "dev.lem.capture.lambda.FormCaptureHandler", http("POST", "/f/demo",
                        "POST /f/{formId}", "\"pathParameters\":{\"formId\":\"demo\"},", """
                        "body":"{\\"email\\":\\"ada@example.com\\",\\"consent_email\\":true}",""")),
                new ColdStartFunction("journey-admin", "router", "dev.lem.routing.lambda.JourneyAdminHandler",
                        http("GET", "/admin/journeys", "GET /admin/journeys", "", "")),
                new ColdStartFunction("notifications", "dev.lem.notify.lambda.NotificationsHandler", sqs("""
                        {"messageId":"%s","leadId":"%s","channel":"email","category":"transactional",\
                        "campaignId":"welcome","template":"welcome","data":{}}""".formatted(message, LEAD))),
                new ColdStartFunction("outcome-rows", "training", "dev.lem.training.lambda.OutcomeRowsHandler",
                        bus("lead.outcome", "2026-11-30T16:00:00Z", """
                        {"eventId":"crm-deal-9912-won","occurredAt":"2026-11-30T16:00:00Z","schemaVersion":1,\
                        "leadId":"%s","outcome":"won","value":12000,"currency":"EUR"}""".formatted(LEAD))),
                new ColdStartFunction("reporting", "dev.lem.reporting.lambda.ReportingHandler", sqs(captured)),
                new ColdStartFunction("router", "dev.lem.routing.lambda.RouterHandler", captured),
                new ColdStartFunction("scoring", "dev.lem.scoring.lambda.ScoringHandler", sqs("""
                        {"activityId":"a-1","leadId":"%s","type":"page.view","occurredAt":"2026-11-23T10:15:30Z",\
                        "attributes":{"page":"acme.example/pricing"}}""".formatted(LEAD))),
                new ColdStartFunction("tracking", "dev.lem.tracking.lambda.TrackingHandler", http("GET", "/t/o.gif",
                        "GET /t/o.gif", "\"queryStringParameters\":{\"l\":\"%s\",\"m\":\"%s\",\"s\":\"%s\"},".formatted(
                                LEAD, message, trackingSigner.sign("open", LEAD, message)), "")),
                new ColdStartFunction("training", "training", "dev.lem.training.lambda.TrainingHandler", """
                        {"version":"0","id":"22222222-3333-4444-8555-666666666666","detail-type":"Scheduled Event",\
                        "source":"aws.events","account":"000000000000","time":"2026-11-30T03:00:00Z",\
                        "region":"eu-west-1","resources":["arn:aws:events:eu-west-1:000000000000:rule/lem-WeeklyTraining"],\
                        "detail":{}}""", Map.of(EnvNames.MODEL_BUCKET, "lem-models-bench")));
    }

    /** An EventBridge envelope of one LEM bus event. */
    private static String bus(String detailType, String time, String detail) {
        return """
                {"version":"0","id":"11111111-2222-4333-8444-555555555555","detail-type":"%s",\
                "source":"lem","account":"000000000000","time":"%s","region":"eu-west-1",\
                "resources":[],"detail":%s}""".formatted(detailType, time, detail);
    }

    private static String http(String method, String path, String routeKey, String extra, String body) {
        return """
                {"version":"2.0","routeKey":"%s","rawPath":"%s",%s%s\
                "headers":{"content-type":"application/json","origin":"https://www.example.com",\
                "user-agent":"Mozilla/5.0 (X11; Linux x86_64)","host":"lem.example"},\
                "requestContext":{"http":{"method":"%s","path":"%s","sourceIp":"203.0.113.9",\
                "userAgent":"Mozilla/5.0 (X11; Linux x86_64)"},"requestId":"r-1","timeEpoch":1763892930000}}"""
                .formatted(routeKey, path, extra, body, method, path);
    }

    private static String sqs(String body) {
        return "{\"records\":[{\"messageId\":\"m-1\",\"receiptHandle\":\"rh-1\",\"eventSource\":\"aws:sqs\",\"body\":"
                + dev.lem.json.Json.write(body) + ",\"attributes\":{\"ApproximateReceiveCount\":\"1\"}}]}";
    }
}
