package dev.lem.local.faults;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lem.testing.WireCapture;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * EventBridge Scheduler as the run sees it on the wire: every CreateSchedule / DeleteSchedule the SDK sent, with
 * the status it was answered. A schedule exists once a create was answered 200 (a create of an existing name is a
 * 409 ConflictException on AWS: nothing changes), and stops existing when a delete was answered 200 or it fired
 * ({@code ActionAfterCompletion: DELETE}). Throttled calls changed nothing.
 */
final class SimulatedScheduler {

    /** A pending one-shot schedule. */
    record Timer(String name, Instant at, String targetArn, String input) {}

    private final WireCapture wire;
    private final Map<String, Timer> pending = new LinkedHashMap<>();
    private int seen;

    SimulatedScheduler(WireCapture wire) {
        this.wire = wire;
    }

    /** Applies the calls made since the last sync. */
    void sync() {
        List<WireCapture.Exchange> exchanges = wire.exchanges(WireCapture.Service.SCHEDULER);
        for (WireCapture.Exchange exchange : exchanges.subList(seen, exchanges.size())) {
            if (exchange.status() != 200) {
                continue;
            }
            String path = exchange.request().url();
            int query = path.indexOf('?');
            String name = URLDecoder.decode((query < 0 ? path : path.substring(0, query)).substring("/schedules/".length()),
                    StandardCharsets.UTF_8);
            if (exchange.request().method().equals("DELETE")) {
                pending.remove(name);
            } else {
                JsonNode body = exchange.request().json();
                String expression = body.get("ScheduleExpression").asText();
                Instant at = LocalDateTime.parse(expression.substring("at(".length(), expression.length() - 1))
                        .toInstant(ZoneOffset.UTC);
                pending.putIfAbsent(name, new Timer(name, at, body.at("/Target/Arn").asText(), body.at("/Target/Input").asText()));
            }
        }
        seen = exchanges.size();
    }

    Optional<Instant> nextDue() {
        sync();
        return pending.values().stream().map(Timer::at).min(Comparator.naturalOrder());
    }

    /** Removes and returns the schedules due at {@code now} (they fire, then Scheduler deletes them). */
    List<Timer> takeDue(Instant now) {
        sync();
        List<Timer> due = new ArrayList<>(pending.values().stream().filter(t -> !t.at().isAfter(now)).toList());
        due.forEach(t -> pending.remove(t.name()));
        return due;
    }

    Map<String, Timer> pending() {
        sync();
        return Map.copyOf(pending);
    }
}
