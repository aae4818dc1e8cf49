package dev.lem.local.cost;

import dev.lem.cost.LeadCounts;
import dev.lem.events.LeadCaptured;
import dev.lem.events.LeadStateChanged;
import dev.lem.events.LemEvent;
import dev.lem.json.Json;
import dev.lem.lead.LeadState;
import dev.lem.local.PrivateFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The lead and MQL counts {@code lem up} can see: new leads ({@code lead.captured} with {@code newLead}) and leads
 * entering MQL ({@code lead.state-changed} to {@code mql}) on its bus, kept in a JSON-lines file (mode 600) across
 * runs. A lead counts once per period however often it is captured or re-enters MQL, and a redelivered event (same
 * id) once. A lead's campaign is the campaign attribution of its capture ({@code utm_campaign}), which marketers
 * name after the journey.
 */
public final class LocalLeadCounts implements LeadCounts {

    private static final Logger LOG = LoggerFactory.getLogger(LocalLeadCounts.class);

    /** One counted event: {@code lead} (a new lead) or {@code mql}. */
    public record Entry(String eventId, String kind, String leadId, String campaign, Instant at) {}

    private final Optional<Path> file;
    private final List<Entry> entries = new ArrayList<>();
    private final Set<String> seen = new HashSet<>();
    private final Map<String, String> campaignOfLead = new HashMap<>();

    private LocalLeadCounts(Optional<Path> file) {
        this.file = file;
    }

    public static LocalLeadCounts inMemory() {
        return new LocalLeadCounts(Optional.empty());
    }

    public static LocalLeadCounts open(Path file) {
        LocalLeadCounts counts = new LocalLeadCounts(Optional.of(file));
        if (Files.exists(file)) {
            try {
                for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                    if (line.isBlank()) {
                        continue;
                    }
                    try {
                        counts.keep(Json.read(line, Entry.class));
                    } catch (RuntimeException unreadable) {
                        LOG.warn("lead counts line skipped reason=unreadable");
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file, e);
            }
        }
        return counts;
    }

    /** The bus observer: counts new leads and MQL entries, ignores every other event. */
    public synchronized void record(LemEvent event) {
        Entry entry = switch (event) {
            case LeadCaptured captured when captured.newLead() ->
                    new Entry(captured.eventId(), "lead", captured.leadId(), captured.campaign(), captured.occurredAt());
            case LeadStateChanged changed when LeadState.MQL.wireName().equals(changed.to()) ->
                    new Entry(changed.eventId(), "mql", changed.leadId(), campaignOfLead.get(changed.leadId()), changed.occurredAt());
            default -> null;
        };
        if (entry == null || seen.contains(entry.eventId())) {
            return;
        }
        if (file.isPresent()) {
            try {
                PrivateFiles.append(file.get(), Json.write(entry) + "\n");
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + file.get().getFileName(), e);
            }
        }
        keep(entry);
    }

    private void keep(Entry entry) {
        if (!seen.add(entry.eventId())) {
            return;
        }
        entries.add(entry);
        if (entry.kind().equals("lead") && entry.campaign() != null) {
            campaignOfLead.put(entry.leadId(), entry.campaign());
        }
    }

    @Override
    public synchronized long leads(LocalDate from, LocalDate to, Optional<String> campaign) {
        return count("lead", from, to, campaign);
    }

    @Override
    public synchronized long mqls(LocalDate from, LocalDate to, Optional<String> campaign) {
        return count("mql", from, to, campaign);
    }

    private long count(String kind, LocalDate from, LocalDate to, Optional<String> campaign) {
        return entries.stream().filter(e -> e.kind().equals(kind))
                .filter(e -> {
                    LocalDate day = e.at().atZone(ZoneOffset.UTC).toLocalDate();
                    return !day.isBefore(from) && !day.isAfter(to);
                })
                .filter(e -> campaign.isEmpty() || campaign.get().equals(e.campaign()))
                .map(Entry::leadId).distinct().count();
    }
}
