package dev.lem.local.outbox;

import dev.lem.local.Html;
import dev.lem.local.gateway.GatewayReply;
import dev.lem.local.gateway.Routes;
import dev.lem.notify.OutgoingSms;
import dev.lem.notify.OutgoingWebhook;
import dev.lem.notify.SmsSender;
import dev.lem.notify.WebhookSender;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The SMS and webhook side of {@code lem up}'s outbox: nothing leaves the machine. Texts and webhook calls are kept
 * in memory and listed at {@code /outbox-sms} and {@code /outbox-webhooks} (and {@code .json} for scripts and tests).
 */
public final class ChannelOutbox implements SmsSender, WebhookSender {

    /** One text "sent". */
    public record SentSms(long number, String messageId, String to, String text, boolean promotional, Instant sentAt) {}

    /** One webhook "posted". */
    public record PostedWebhook(long number, String messageId, String name, String target, String body, Instant sentAt) {}

    private final Clock clock;
    private final List<SentSms> texts = new ArrayList<>();
    private final List<PostedWebhook> webhooks = new ArrayList<>();

    public ChannelOutbox(Clock clock) {
        this.clock = clock;
    }

    @Override
    public synchronized String send(OutgoingSms sms) {
        SentSms sent = new SentSms(texts.size() + 1L, sms.messageId(), sms.to().value(), sms.text(), sms.promotional(),
                clock.instant());
        texts.add(sent);
        return "outbox-sms-" + sent.number();
    }

    @Override
    public synchronized String send(OutgoingWebhook webhook) {
        PostedWebhook posted = new PostedWebhook(webhooks.size() + 1L, webhook.messageId(), webhook.name(),
                webhook.target().toString(), webhook.body(), clock.instant());
        webhooks.add(posted);
        return "outbox-webhook-" + posted.number();
    }

    public synchronized List<SentSms> texts() {
        return List.copyOf(texts).reversed();
    }

    public synchronized List<PostedWebhook> webhooks() {
        return List.copyOf(webhooks).reversed();
    }

    public Routes.Builder addTo(Routes.Builder routes) {
        return routes.get("/outbox-sms", r -> smsPage()).get("/outbox-sms.json", r -> GatewayReply.json(200, texts()))
                .get("/outbox-webhooks", r -> webhookPage())
                .get("/outbox-webhooks.json", r -> GatewayReply.json(200, webhooks()));
    }

    private GatewayReply smsPage() {
        StringBuilder body = new StringBuilder("<h1>SMS outbox</h1><p>Texts notifications sent (nothing left this machine)."
                + " <a href=\"/outbox\">Email</a> · <a href=\"/outbox-webhooks\">Webhooks</a> · <a href=\"/outbox-sms.json\">JSON</a>"
                + "</p><table><tr><th>#</th><th>Sent</th><th>To</th><th>Type</th><th>Text</th></tr>");
        for (SentSms sms : texts()) {
            body.append(row(Long.toString(sms.number()), sms.sentAt().toString(), sms.to(),
                    sms.promotional() ? "promotional" : "transactional", sms.text()));
        }
        return GatewayReply.html(200, Html.page("SMS outbox · lem up", body.append("</table>").toString()));
    }

    private GatewayReply webhookPage() {
        StringBuilder body = new StringBuilder("<h1>Webhook outbox</h1><p>Signed webhook calls notifications made (nothing"
                + " left this machine). <a href=\"/outbox\">Email</a> · <a href=\"/outbox-sms\">SMS</a> · "
                + "<a href=\"/outbox-webhooks.json\">JSON</a></p><table><tr><th>#</th><th>Sent</th><th>Webhook</th>"
                + "<th>Target</th><th>Body</th></tr>");
        for (PostedWebhook hook : webhooks()) {
            body.append(row(Long.toString(hook.number()), hook.sentAt().toString(), hook.name(), hook.target(), hook.body()));
        }
        return GatewayReply.html(200, Html.page("Webhook outbox · lem up", body.append("</table>").toString()));
    }

    private static String row(String... cells) {
        StringBuilder row = new StringBuilder("<tr>");
        for (String cell : cells) {
            row.append("<td><code>").append(Html.escape(cell)).append("</code></td>");
        }
        return row.append("</tr>").toString();
    }

    @Override
    public String toString() {
        Map<String, Integer> counts = new LinkedHashMap<>();
        counts.put("sms", texts.size());
        counts.put("webhooks", webhooks.size());
        return "ChannelOutbox" + counts;
    }
}
