package dev.lem.notify;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lem.json.Json;
import dev.lem.lead.Lead;
import dev.lem.messaging.NotifyMessage;
import java.net.URI;
import java.time.Instant;

/**
 * The JSON a webhook receives (a CRM, a call centre, a chat channel): the message id (receivers deduplicate on it),
 * the webhook's name, the campaign, the lead (id, state, score, email and profile: a hand-off to sales needs the
 * contact) and the message data. The message's template names the webhook; an unknown name is refused.
 */
public final class WebhookComposer {

    private final WebhookTargets targets;

    public WebhookComposer(WebhookTargets targets) {
        this.targets = targets;
    }

    public OutgoingWebhook compose(Lead lead, NotifyMessage message, Instant now) {
        URI target = targets.target(message.template())
                .orElseThrow(() -> new SendFailedException("webhook-unknown", false, null));
        ObjectNode body = Json.mapper().createObjectNode();
        body.put("id", message.messageId());
        body.put("webhook", message.template());
        body.put("occurredAt", now.toString());
        if (message.campaignId() != null) {
            body.put("campaignId", message.campaignId());
        }
        ObjectNode leadNode = body.putObject("lead");
        leadNode.put("id", lead.id().value());
        leadNode.put("state", lead.state().wireName());
        leadNode.put("score", lead.score());
        if (lead.email() != null) {
            leadNode.put("email", lead.email().value());
        }
        leadNode.set("profile", Json.mapper().valueToTree(new java.util.TreeMap<>(lead.profile())));
        body.set("data", Json.mapper().valueToTree(new java.util.TreeMap<>(message.data())));
        return new OutgoingWebhook(message.messageId(), message.template(), target, Json.write(body));
    }
}
