package dev.lem.notify.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.lem.aws.AwsClients;
import dev.lem.bus.aws.EventBridgeEventBus;
import dev.lem.aws.SecretEnvironment;
import dev.lem.config.Env;
import dev.lem.lambda.MeteredRequestHandler;
import dev.lem.lead.IdentityHasher;
import dev.lem.links.LinkSigner;
import dev.lem.links.UnsubscribeLinks;
import dev.lem.messaging.Channel;
import dev.lem.notify.PreferenceService;
import dev.lem.notify.PreferencesConfig;
import dev.lem.notify.Recipients;
import dev.lem.store.DynamoDbLeadStore;
import dev.lem.store.DynamoDbSuppressionList;
import dev.lem.bus.EventPublishException;
import dev.lem.store.StoreUnavailableException;
import java.time.Clock;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@code GET /u/{token}}: the lead's preference page. {@code POST /u/{token}}: with an empty body or
 * {@code List-Unsubscribe=One-Click} (RFC 8058, what mail clients send), unsubscribes from the link's channel; with
 * {@code preferences=1&email=on|off&sms=on|off&topic.<id>=on|off} (the page's form), saves the choices (the same
 * choices again change nothing); a topic not in the catalog gets 400. A token that does not verify
 * gets 404, a malformed form 400, an oversized body 413, another method 405; DynamoDB or the bus unavailable 503 with
 * Retry-After (nothing half-done: trying again completes the unsubscribe).
 */
public final class PreferencesHandler extends MeteredRequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    private final PreferenceService service;

    public PreferencesHandler() {
        this(wire(PreferencesConfig.fromEnv(SecretEnvironment.resolve(Env.system()))));
    }

    public PreferencesHandler(PreferenceService service) {
        this.service = service;
    }

    public static PreferenceService wire(PreferencesConfig config) {
        var dynamo = AwsClients.dynamoDb(config.aws());
        return new PreferenceService(new DynamoDbLeadStore(dynamo, config.tableName()),
                new DynamoDbSuppressionList(dynamo, config.tableName()), new Recipients(new IdentityHasher(config.identityKey())),
                new UnsubscribeLinks(new LinkSigner(config.trackingKey()), config.publicBaseUrl()),
                new EventBridgeEventBus(AwsClients.eventBridge(config.aws()), config.busName()), Clock.systemUTC());
    }

    @Override
    protected APIGatewayV2HTTPResponse handle(APIGatewayV2HTTPEvent event, Context context) {
        String token = HttpRequests.pathParameter(event, "token");
        try {
            return switch (HttpRequests.method(event)) {
                case "GET" -> service.preferences(token)
                        .map(p -> HttpRequests.html(200, PreferencePage.page(p, token, false)))
                        .orElseGet(() -> HttpRequests.html(404, PreferencePage.invalid()));
                case "POST" -> post(event, token);
                default -> HttpRequests.text(405, "method not allowed");
            };
        } catch (StoreUnavailableException | EventPublishException e) {
            // the bus carries the unsubscribe to the router; it is published before the consent is written, so the
            // retry (the mail client's, or the person's) publishes it again
            APIGatewayV2HTTPResponse busy = HttpRequests.text(503, "try again in a minute");
            busy.getHeaders().put("Retry-After", "60");
            return busy;
        }
    }

    private APIGatewayV2HTTPResponse post(APIGatewayV2HTTPEvent event, String token) {
        Optional<String> body = HttpRequests.body(event);
        if (body.isEmpty()) {
            return HttpRequests.text(413, "request body too large");
        }
        Optional<Map<String, String>> fields = HttpRequests.formFields(body.get());
        if (fields.isEmpty()) {
            return HttpRequests.text(400, "body must be application/x-www-form-urlencoded");
        }
        Map<String, String> form = fields.get();
        if (form.isEmpty() || "One-Click".equals(form.get("List-Unsubscribe"))) {
            return service.unsubscribe(token) ? HttpRequests.html(200, PreferencePage.unsubscribed())
                    : HttpRequests.html(404, PreferencePage.invalid());
        }
        if (!"1".equals(form.get("preferences"))) {
            return HttpRequests.text(400, "expected List-Unsubscribe=One-Click or the preference form");
        }
        Map<Channel, Boolean> wanted = new EnumMap<>(Channel.class);
        for (Channel channel : new Channel[] {Channel.EMAIL, Channel.SMS}) {
            String value = form.get(channel.wireName());
            if (value == null) {
                continue;
            }
            if (!value.equals("on") && !value.equals("off")) {
                return HttpRequests.text(400, channel.wireName() + " must be on or off");
            }
            wanted.put(channel, value.equals("on"));
        }
        Map<String, Boolean> topics = new java.util.LinkedHashMap<>();
        for (Map.Entry<String, String> field : form.entrySet()) {
            if (!field.getKey().startsWith(PreferencePage.TOPIC_FIELD_PREFIX)) {
                continue;
            }
            String id = field.getKey().substring(PreferencePage.TOPIC_FIELD_PREFIX.length());
            if (service.topics().find(id).isEmpty()) {
                return HttpRequests.text(400, "unknown topic");
            }
            if (!field.getValue().equals("on") && !field.getValue().equals("off")) {
                return HttpRequests.text(400, "topic." + id + " must be on or off");
            }
            topics.put(id, field.getValue().equals("on"));
        }
        return service.update(token, wanted, topics).map(p -> HttpRequests.html(200, PreferencePage.page(p, token, true)))
                .orElseGet(() -> HttpRequests.html(404, PreferencePage.invalid()));
    }
}
