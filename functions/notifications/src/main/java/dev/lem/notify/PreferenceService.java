package dev.lem.notify;

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
 * is blocked whatever its category; doing it again changes nothing. Opting in again on the preference page grants
 * consent and lifts an {@code unsubscribe} suppression (never a bounce, complaint or erasure one).
 */
public final class PreferenceService {

    private static final Logger LOG = LoggerFactory.getLogger(PreferenceService.class);
    static final String UNSUBSCRIBE_TEXT = "unsubscribe-link";
    static final String PREFERENCE_TEXT = "preference-page";
    private static final int WRITE_ATTEMPTS = 3;

    /** A channel the lead can be reached on, and whether marketing on it is welcome and possible. */
    public record ChannelPreference(Channel channel, boolean subscribed, Optional<SuppressionReason> blockedFor) {}

    /** The lead's preferences as the page shows them; {@code linkChannel} is the channel the link came by. */
    public record Preferences(Channel linkChannel, Map<Channel, ChannelPreference> channels) {}

    private final LeadStore leads;
    private final SuppressionList suppressions;
    private final Recipients recipients;
    private final UnsubscribeLinks links;
    private final Clock clock;

    public PreferenceService(LeadStore leads, SuppressionList suppressions, Recipients recipients, UnsubscribeLinks links,
                             Clock clock) {
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
        change(verified.get(), Map.of(verified.get().channel(), false));
        return true;
    }

    /** Applies the page's choices (channels left out stay as they are); empty when the token does not verify. */
    public Optional<Preferences> update(String token, Map<Channel, Boolean> wanted) {
        return links.verify(token).flatMap(t -> change(t, wanted).map(lead -> preferencesOf(lead, t.channel())));
    }

    private Optional<Lead> change(UnsubscribeLinks.Token token, Map<Channel, Boolean> wanted) {
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
                leads.recordActivity(new Activity("unsubscribed." + name + "." + now.toEpochMilli(), lead.id(),
                        "unsubscribed", now, Map.of("channel", name)));
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
        return new Preferences(linkChannel, channels);
    }
}
