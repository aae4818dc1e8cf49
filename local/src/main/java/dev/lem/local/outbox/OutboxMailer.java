package dev.lem.local.outbox;

import dev.lem.cost.Metering;
import dev.lem.json.Json;
import dev.lem.local.PrivateFiles;
import dev.lem.notify.Mailer;
import dev.lem.notify.OutgoingEmail;
import dev.lem.notify.SendFailedException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The mailer of {@code lem up}: nothing leaves the machine. Every email is rendered with the local
 * templates and kept, for the outbox pages and tests to read: in memory, and with {@link #persistent} also
 * appended to a JSON-lines file (mode 600) that the next run reads back.
 */
public final class OutboxMailer implements Mailer {

    private static final Logger LOG = LoggerFactory.getLogger(OutboxMailer.class);

    private final EmailTemplates templates;
    private final Clock clock;
    private final Optional<Path> file;
    private final List<SentEmail> sent = new ArrayList<>();

    /** An outbox in memory only. */
    public OutboxMailer(EmailTemplates templates, Clock clock) {
        this(templates, clock, Optional.empty());
    }

    private OutboxMailer(EmailTemplates templates, Clock clock, Optional<Path> file) {
        this.templates = templates;
        this.clock = clock;
        this.file = file;
    }

    /**
     * An outbox kept in {@code file}: the emails already there are loaded (numbering goes on after them);
     * a line that cannot be read (a run killed mid-write) is skipped and logged.
     */
    public static OutboxMailer persistent(EmailTemplates templates, Clock clock, Path file) {
        OutboxMailer outbox = new OutboxMailer(templates, clock, Optional.of(file));
        outbox.load(file);
        return outbox;
    }

    private void load(Path path) {
        if (!Files.exists(path)) {
            return;
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(path, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the outbox " + path, e);
        }
        int skipped = 0;
        for (String line : lines) {
            if (line.isBlank()) {
                continue;
            }
            try {
                SentEmail email = Json.read(line, SentEmail.class);
                sent.add(new SentEmail(sent.size() + 1L, email.messageId(), email.to(), email.template(), email.data(),
                        email.subject(), email.html(), email.text(), email.sentAt()));
            } catch (RuntimeException unreadable) {
                skipped++;
            }
        }
        if (skipped > 0) {
            LOG.warn("outbox lines skipped count={} reason=unreadable", skipped);
        }
        try {
            String content = Files.readString(path, StandardCharsets.UTF_8);
            if (!content.isEmpty() && !content.endsWith("\n")) {
                // a torn last line: end it, so the next email starts a line of its own
                PrivateFiles.append(path, "\n");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot repair the outbox " + path, e);
        }
    }

    @Override
    public synchronized String send(OutgoingEmail email) {
        Metering.request("SesV2", "SendEmail", 1); // the call SesMailer would make
        EmailTemplates.Rendered rendered = templates.render(email.template(), email.data());
        SentEmail stored = new SentEmail(sent.size() + 1L, email.messageId(), email.to().value(), email.template(),
                email.data(), rendered.subject(), rendered.html(), rendered.text(), clock.instant());
        if (file.isPresent()) {
            try {
                PrivateFiles.append(file.get(), Json.write(stored) + "\n");
            } catch (IOException e) {
                throw new SendFailedException("cannot write the outbox file", true, e);
            }
        }
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
