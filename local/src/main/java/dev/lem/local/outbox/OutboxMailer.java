package dev.lem.local.outbox;

import dev.lem.notify.Mailer;
import dev.lem.notify.OutgoingEmail;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The mailer of {@code lem up}: nothing leaves the machine. Every email is rendered with the local
 * templates and kept in memory, for the outbox pages and tests to read.
 */
public final class OutboxMailer implements Mailer {

    private final EmailTemplates templates;
    private final Clock clock;
    private final List<SentEmail> sent = new ArrayList<>();

    public OutboxMailer(EmailTemplates templates, Clock clock) {
        this.templates = templates;
        this.clock = clock;
    }

    @Override
    public synchronized String send(OutgoingEmail email) {
        EmailTemplates.Rendered rendered = templates.render(email.template(), email.data());
        SentEmail stored = new SentEmail(sent.size() + 1L, email.messageId(), email.to().value(), email.template(),
                email.data(), rendered.subject(), rendered.html(), rendered.text(), clock.instant());
        sent.add(stored);
        return stored.providerId();
    }

    /** Every email, newest first. */
    public synchronized List<SentEmail> newestFirst() {
        return List.copyOf(sent).reversed();
    }

    public synchronized Optional<SentEmail> find(long number) {
        return number >= 1 && number <= sent.size() ? Optional.of(sent.get((int) number - 1)) : Optional.empty();
    }
}
