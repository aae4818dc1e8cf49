package dev.lem.local.admin;

import dev.lem.events.LeadStateChanged;
import dev.lem.events.LemEvent;
import dev.lem.json.Json;
import dev.lem.local.PrivateFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every lifecycle change {@code lem up} saw on its bus ({@code lead.state-changed}), kept in a JSON-lines
 * file (mode 600) across runs, for the admin lead page. A redelivered event (same id) is kept once.
 */
public final class StateHistory {

    private static final Logger LOG = LoggerFactory.getLogger(StateHistory.class);

    /** One change: from → to, when, why. */
    public record Change(String eventId, String leadId, String from, String to, Instant at, String reason, boolean slaBreached) {}

    private final Path file;
    private final List<Change> changes = new ArrayList<>();
    private final Set<String> seen = new HashSet<>();

    private StateHistory(Path file) {
        this.file = file;
    }

    /** Loads the changes already in {@code file}; unreadable lines (a run killed mid-write) are skipped. */
    public static StateHistory open(Path file) {
        StateHistory history = new StateHistory(file);
        if (Files.exists(file)) {
            try {
                for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                    if (line.isBlank()) {
                        continue;
                    }
                    try {
                        Change change = Json.read(line, Change.class);
                        if (history.seen.add(change.eventId())) {
                            history.changes.add(change);
                        }
                    } catch (RuntimeException unreadable) {
                        LOG.warn("state history line skipped reason=unreadable");
                    }
                }
                if (!Files.readString(file, StandardCharsets.UTF_8).endsWith("\n") && Files.size(file) > 0) {
                    PrivateFiles.append(file, "\n");
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file, e);
            }
        }
        return history;
    }

    /** Keeps the event when it is a {@code lead.state-changed} not seen before; other events are ignored. */
    public synchronized void record(LemEvent event) {
        if (!(event instanceof LeadStateChanged changed) || seen.contains(changed.eventId())) {
            return;
        }
        Change change = new Change(changed.eventId(), changed.leadId(), changed.from(), changed.to(), changed.occurredAt(),
                changed.reason(), changed.slaBreached());
        try {
            PrivateFiles.append(file, Json.write(change) + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file.getFileName(), e);
        }
        seen.add(change.eventId());
        changes.add(change);
    }

    /** A lead's changes, oldest first. */
    public synchronized List<Change> of(String leadId) {
        return changes.stream().filter(c -> c.leadId().equals(leadId))
                .sorted(Comparator.comparing(Change::at, Comparator.nullsFirst(Comparator.naturalOrder()))).toList();
    }
}
