package dev.lem.testing.fakes;

import dev.lem.messaging.FrequencyCaps;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/** Frequency counters in memory with DynamoDbFrequencyCaps's rules (all-or-nothing, a message counted once). */
public final class InMemoryFrequencyCaps extends ScriptedFailures implements FrequencyCaps {

    private final Set<String> reservations = new HashSet<>();
    private final Map<String, Integer> counters = new HashMap<>();

    @Override
    public synchronized Result reserve(Reservation r) {
        throwScriptedFailure();
        String prefix = r.leadId().value() + "#" + r.channel().wireName() + "#";
        if (reservations.contains(prefix + "M#" + r.messageId())) {
            return Result.ALREADY_RESERVED;
        }
        String day = prefix + "D#" + r.day();
        String week = prefix + "W#" + r.week();
        if (counters.getOrDefault(day, 0) >= r.perDay()) {
            return Result.DAILY_CAP_REACHED;
        }
        if (counters.getOrDefault(week, 0) >= r.perWeek()) {
            return Result.WEEKLY_CAP_REACHED;
        }
        reservations.add(prefix + "M#" + r.messageId());
        counters.merge(day, 1, Integer::sum);
        counters.merge(week, 1, Integer::sum);
        return Result.RESERVED;
    }

    /** The count of one lead × channel × period key ({@code D#2026-11-23} or {@code W#2026-W48}). */
    public synchronized int count(String leadId, String channel, String period) {
        return counters.getOrDefault(leadId + "#" + channel + "#" + period, 0);
    }
}
