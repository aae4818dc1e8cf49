package dev.lem.notify;

import dev.lem.lead.Lead;
import dev.lem.messaging.Channel;
import dev.lem.messaging.FrequencyCaps;
import dev.lem.messaging.MessageCategory;
import dev.lem.messaging.NotifyMessage;
import dev.lem.messaging.Suppression;
import dev.lem.messaging.SuppressionList;
import dev.lem.messaging.Topic;
import dev.lem.messaging.TopicCatalog;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;
import java.util.Optional;

/**
 * The one gate every message passes (DESIGN §1), in this order:
 * <ol>
 *   <li>webhooks go to systems, not leads: they pass;</li>
 *   <li>the lead needs an address for the channel ({@code no-address});</li>
 *   <li>a suppressed address never gets anything, operational or not ({@code suppressed-<reason>});</li>
 *   <li>operational (transactional) messages pass; marketing goes on:</li>
 *   <li>marketing needs the lead's consent for the channel ({@code no-consent});</li>
 *   <li>a marketing message that names a topic ({@code data.topic}) needs a topic of the catalog
 *       ({@code unknown-topic}) the lead has not opted out of ({@code topic-opted-out});</li>
 *   <li>quiet hours in the lead's time zone hold it until they end ({@code quiet-hours});</li>
 *   <li>the daily and weekly caps per lead and channel hold it until the next day or week starts
 *       ({@code daily-cap}, {@code weekly-cap}); passing counts it, atomically and once per message id.</li>
 * </ol>
 */
public final class SendGate {

    private final Recipients recipients;
    private final SuppressionList suppressions;
    private final FrequencyCaps caps;
    private final GatePolicy policy;
    private final TopicCatalog topics;

    /** With the standard topics ({@link TopicCatalog#standard()}). */
    public SendGate(Recipients recipients, SuppressionList suppressions, FrequencyCaps caps, GatePolicy policy) {
        this(recipients, suppressions, caps, policy, TopicCatalog.standard());
    }

    public SendGate(Recipients recipients, SuppressionList suppressions, FrequencyCaps caps, GatePolicy policy,
                    TopicCatalog topics) {
        this.recipients = recipients;
        this.suppressions = suppressions;
        this.caps = caps;
        this.policy = policy;
        this.topics = topics;
    }

    public GateDecision decide(Lead lead, NotifyMessage message, Instant now) {
        if (message.channel() == Channel.WEBHOOK) {
            return new GateDecision.Send(Optional.empty());
        }
        Optional<Recipient> recipient = recipients.of(lead, message.channel());
        if (recipient.isEmpty()) {
            return new GateDecision.Block("no-address");
        }
        Optional<Suppression> suppressed = suppressions.find(recipient.get().addressHash());
        if (suppressed.isPresent()) {
            return new GateDecision.Block("suppressed-" + suppressed.get().reason().wireName());
        }
        if (message.category() != MessageCategory.MARKETING) {
            return new GateDecision.Send(recipient);
        }
        if (!lead.hasConsent(message.channel().wireName())) {
            return new GateDecision.Block("no-consent");
        }
        String topicId = message.data().get(Topic.MESSAGE_FIELD);
        if (topicId != null) {
            Optional<Topic> topic = topics.find(topicId);
            if (topic.isEmpty()) {
                return new GateDecision.Block("unknown-topic");
            }
            if (lead.consent(topic.get().consentKey()).map(c -> !c.granted()).orElse(false)) {
                return new GateDecision.Block("topic-opted-out");
            }
        }
        ZonedDateTime local = now.atZone(zoneOf(lead));
        if (policy.quietHours().isQuiet(local.toLocalTime())) {
            return new GateDecision.Hold(policy.quietHours().nextAllowed(local).toInstant(), "quiet-hours");
        }
        ZonedDateTime nextDay = local.toLocalDate().plusDays(1).atStartOfDay(local.getZone());
        ZonedDateTime nextWeek = local.toLocalDate().with(TemporalAdjusters.next(DayOfWeek.MONDAY)).atStartOfDay(local.getZone());
        FrequencyCaps.Result counted = caps.reserve(new FrequencyCaps.Reservation(lead.id(), message.channel(),
                message.messageId(), local.toLocalDate().toString(), nextDay.toInstant(), policy.perDay(),
                isoWeek(local), nextWeek.toInstant(), policy.perWeek()));
        return switch (counted) {
            case RESERVED, ALREADY_RESERVED -> new GateDecision.Send(recipient);
            case DAILY_CAP_REACHED -> new GateDecision.Hold(policy.quietHours().nextAllowed(nextDay).toInstant(), "daily-cap");
            case WEEKLY_CAP_REACHED -> new GateDecision.Hold(policy.quietHours().nextAllowed(nextWeek).toInstant(), "weekly-cap");
        };
    }

    /** The lead's IANA zone from its profile, or the policy's default when absent or unknown. */
    ZoneId zoneOf(Lead lead) {
        String zone = lead.profile().get(GatePolicy.TIME_ZONE_FIELD);
        if (zone == null || zone.isBlank() || zone.length() > 64) {
            return policy.defaultZone();
        }
        try {
            return ZoneId.of(zone.strip());
        } catch (DateTimeException e) {
            return policy.defaultZone();
        }
    }

    private static String isoWeek(ZonedDateTime local) {
        return String.format("%d-W%02d", local.get(IsoFields.WEEK_BASED_YEAR), local.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
    }
}
