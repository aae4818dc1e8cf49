package dev.lem.notify;

import dev.lem.bus.EventBus;
import dev.lem.events.LeadActivity;
import dev.lem.lead.Activity;
import dev.lem.lead.Consent;
import dev.lem.lead.Lead;
import dev.lem.lead.LeadConflictException;
import dev.lem.lead.LeadStore;
import dev.lem.links.UnsubscribeLinks;
import dev.lem.messaging.Channel;
import dev.lem.messaging.Suppression;
import dev.lem.messaging.SuppressionList;
import dev.lem.messaging.SuppressionReason;
import dev.lem.messaging.Topic;
import dev.lem.messaging.TopicCatalog;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Unsubscribe and preferences behind a signed {@code /u/{token}} link. Unsubscribing from a channel withdraws the
 * lead's consent for it and puts the address's hash on the suppression list ({@code unsubscribe}), so the next send
 * is blocked whatever its category, and publishes {@code <channel>.unsubscribe} ({@code lead.activity}) so the router
 * ends the lead's running journeys and cancels their pending timers; doing it again changes nothing. Opting in again on the preference page grants
 * consent and lifts an {@code unsubscribe} suppression (never a bounce, complaint or erasure one). Topics
 * ({@link TopicCatalog}) are chosen on the same page: the choice is kept with the lead's consents under
 * {@link Topic#consentKey()} (opted in until opted out), and the send gate blocks marketing on a topic opted out of.
 */
public final class PreferenceService {

    private static final Logger LOG = LoggerFactory.getLogger(PreferenceService.class);
    static final String UNSUBSCRIBE_TEXT = "unsubscribe-link";
    static final String PREFERENCE_TEXT = "preference-page";
    private static final int WRITE_ATTEMPTS = 3;

    /** A channel the lead can be reached on, and whether marketing on it is welcome and possible. */
    public record ChannelPreference(Channel channel, boolean subscribed, Optional<SuppressionReason> blockedFor) {}

    /**
     * The lead's preferences as the page shows them; {@code linkChannel} is the channel the link came by;
     * {@code topics} every topic of the catalog, in its order, with whether the lead gets it.
     */
    public record Preferences(Channel linkChannel, Map<Channel, ChannelPreference> channels, Map<Topic, Boolean> topics) {
        public Preferences(Channel linkChannel, Map<Channel, ChannelPreference> channels) {
            this(linkChannel, channels, Map.of());
        }
    }

    private final LeadStore leads;
    private final SuppressionList suppressions;
    private final Recipients recipients;
    private final UnsubscribeLinks links;
    private final Clock clock;
    private final TopicCatalog topics;
    private final EventBus bus;

    /** With the standard topics ({@link TopicCatalog#standard()}). */
    public PreferenceService(LeadStore leads, SuppressionList suppressions, Recipients recipients, UnsubscribeLinks links,
                             EventBus bus, Clock clock) {
        this(leads, suppressions, recipients, links, bus, clock, TopicCatalog.standard());
    }

    public PreferenceService(LeadStore leads, SuppressionList suppressions, Recipients recipients, UnsubscribeLinks links,
                             EventBus bus, Clock clock, TopicCatalog topics) {
        this.topics = topics;
        this.bus = bus;
        this.leads = leads;
        this.suppressions = suppressions;
        this.recipients = recipients;
        this.links = links;
        this.clock = clock;
    }

    /** The preferences behind a token; empty when the token does not verify or the lead is gone. */
    public Optional<Preferences> preferences(String token) {
        return links.verify(token).flatMap(t -> leads.find(t.leadId()).map(lead -> preferencesOf(lead, t.channel())));
    }

    /**
     * One-click unsubscribe from the token's channel.
     *
     * @return false when the token does not verify; true otherwise (a lead already gone has nothing left to stop)
     */
    public boolean unsubscribe(String token) {
        Optional<UnsubscribeLinks.Token> verified = links.verify(token);
        if (verified.isEmpty()) {
            return false;
        }
        change(verified.get(), Map.of(verified.get().channel(), false), Map.of());
        return true;
    }

    /** Applies the page's channel choices (channels left out stay as they are); empty when the token does not verify. */
    public Optional<Preferences> update(String token, Map<Channel, Boolean> wanted) {
        return update(token, wanted, Map.of());
    }

    /**
     * Applies the page's choices: channels and topics (by id) left out stay as they are; saving the same choices
     * again changes nothing. Empty when the token does not verify or the lead is gone.
     *
     * @throws IllegalArgumentException a topic id that is not in the catalog
     */
    public Optional<Preferences> update(String token, Map<Channel, Boolean> wanted, Map<String, Boolean> wantedTopics) {
        Map<Topic, Boolean> byTopic = new LinkedHashMap<>();
        wantedTopics.forEach((id, on) -> byTopic.put(topics.find(id)
                .orElseThrow(() -> new IllegalArgumentException("unknown topic " + id)), on));
        return links.verify(token).flatMap(t -> change(t, wanted, byTopic).map(lead -> preferencesOf(lead, t.channel())));
    }

    /** The topics of the catalog, for the page's form. */
    public TopicCatalog topics() {
        return topics;
    }

    private Optional<Lead> change(UnsubscribeLinks.Token token, Map<Channel, Boolean> wanted, Map<Topic, Boolean> wantedTopics) {
        for (int attempt = 1; ; attempt++) {
            Optional<Lead> found = leads.find(token.leadId());
            if (found.isEmpty()) {
                return Optional.empty();
            }
            Lead lead = found.get();
            Instant now = clock.instant();
            Lead changed = lead;
            for (Map.Entry<Channel, Boolean> want : wanted.entrySet()) {
                changed = apply(changed, want.getKey(), want.getValue(), now);
            }
            for (Map.Entry<Topic, Boolean> want : wantedTopics.entrySet()) {
                changed = applyTopic(changed, want.getKey(), want.getValue(), now);
            }
            if (changed == lead) {
                return Optional.of(lead);
            }
            try {
                leads.update(changed);
                return Optional.of(changed.withVersion(lead.version() + 1));
            } catch (LeadConflictException e) {
                if (attempt == WRITE_ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    /** Suppression first (it stops sends even if the lead write then fails), then the consent on the lead. */
    private Lead apply(Lead lead, Channel channel, boolean subscribe, Instant now) {
        Optional<Recipient> recipient = recipients.of(lead, channel);
        String name = channel.wireName();
        if (!subscribe) {
            recipient.ifPresent(r -> suppressions.suppress(new Suppression(r.addressHash(), SuppressionReason.UNSUBSCRIBE, now)));
            if (lead.consent(name).map(Consent::granted).orElse(true)) {
                LOG.info("lead unsubscribed leadId={} channel={}", lead.id(), name);
                String activityId = "unsubscribed." + name + "." + now.toEpochMilli();
                leads.recordActivity(new Activity(activityId, lead.id(), "unsubscribed", now, Map.of("channel", name)));
                // before the consent is written: if publishing fails, the retry finds the consent still granted and
                // publishes again (the router ends journeys idempotently)
                bus.publish(LeadActivity.unsubscribed(activityId, now, lead.id().value(), activityId, name));
                return lead.withConsent(name, new Consent(false, UNSUBSCRIBE_TEXT, now), now);
            }
            return lead;
        }
        if (recipient.isEmpty()) {
            return lead;
        }
        if (!suppressions.lift(recipient.get().addressHash(), SuppressionReason.UNSUBSCRIBE)) {
            return lead; // bounced, complained or erased: cannot be opted in again from here
        }
        if (lead.hasConsent(name)) {
            return lead;
        }
        LOG.info("lead subscribed leadId={} channel={}", lead.id(), name);
        leads.recordActivity(new Activity("subscribed." + name + "." + now.toEpochMilli(), lead.id(), "subscribed", now,
                Map.of("channel", name)));
        return lead.withConsent(name, new Consent(true, PREFERENCE_TEXT, now), now);
    }

    /** Records a changed topic choice on the lead (and its activity); the same choice again changes nothing. */
    private Lead applyTopic(Lead lead, Topic topic, boolean subscribe, Instant now) {
        if (receives(lead, topic) == subscribe) {
            return lead;
        }
        LOG.info("lead topic choice leadId={} topic={} subscribed={}", lead.id(), topic.id(), subscribe);
        leads.recordActivity(new Activity("topic." + topic.id() + "." + now.toEpochMilli(), lead.id(),
                "preferences-changed", now, Map.of("topic", topic.id(), "subscribed", Boolean.toString(subscribe))));
        return lead.withConsent(topic.consentKey(), new Consent(subscribe, PREFERENCE_TEXT, now), now);
    }

    /** Opted in to every topic until opted out of it. */
    private static boolean receives(Lead lead, Topic topic) {
        return lead.consent(topic.consentKey()).map(Consent::granted).orElse(true);
    }

    private Preferences preferencesOf(Lead lead, Channel linkChannel) {
        Map<Channel, ChannelPreference> channels = new LinkedHashMap<>();
        for (Channel channel : new Channel[] {Channel.EMAIL, Channel.SMS}) {
            Optional<Recipient> recipient = recipients.of(lead, channel);
            if (recipient.isEmpty()) {
                continue;
            }
            Optional<SuppressionReason> suppressed = suppressions.find(recipient.get().addressHash()).map(Suppression::reason);
            channels.put(channel, new ChannelPreference(channel,
                    lead.hasConsent(channel.wireName()) && suppressed.isEmpty(),
                    suppressed.filter(r -> r != SuppressionReason.UNSUBSCRIBE)));
        }
        Map<Topic, Boolean> topicChoices = new LinkedHashMap<>();
        topics.all().forEach(topic -> topicChoices.put(topic, receives(lead, topic)));
        return new Preferences(linkChannel, channels, topicChoices);
    }
}
