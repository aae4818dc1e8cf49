package dev.lem.testing.fakes;

import dev.lem.predict.OutcomeContext;
import dev.lem.predict.OutcomeTallies;
import dev.lem.predict.TrainingRow;
import dev.lem.predict.TrainingRows;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@link TrainingRows} in a map keyed by outcome id: first write wins, weeks by {@link TrainingRow#week()}; and the
 * {@link OutcomeTallies} those writes keep, as the DynamoDB adapter does (a stored row counts once on its UTC day, a
 * duplicate not at all). {@link #tallyReads()} counts the reads; {@link #failTallyReads} makes the next ones throw.
 */
public final class InMemoryTrainingRows implements TrainingRows, OutcomeTallies {

    private final Map<String, TrainingRow> rows = new HashMap<>();
    private final NavigableMap<LocalDate, OutcomeContext.Day> tallies = new TreeMap<>();
    private final AtomicInteger tallyReads = new AtomicInteger();
    private int failingReads;

    @Override
    public synchronized boolean add(TrainingRow row) {
        if (rows.putIfAbsent(row.outcomeId(), row) != null) {
            return false;
        }
        tallies.merge(OutcomeTallies.dayOf(row.occurredAt()), new OutcomeContext.Day(1, row.converted() ? 1 : 0),
                OutcomeContext.Day::plus);
        return true;
    }

    @Override
    public synchronized List<TrainingRow> week(String week) {
        List<TrainingRow> found = new ArrayList<>(rows.values().stream().filter(r -> r.week().equals(week)).toList());
        found.sort(Comparator.comparing(TrainingRow::occurredAt).thenComparing(TrainingRow::outcomeId));
        return found;
    }

    @Override
    public synchronized NavigableMap<LocalDate, OutcomeContext.Day> days(LocalDate fromInclusive, LocalDate toExclusive) {
        tallyReads.incrementAndGet();
        if (failingReads > 0) {
            failingReads--;
            throw new IllegalStateException("outcome tallies unavailable (scripted)");
        }
        if (!fromInclusive.isBefore(toExclusive)) {
            return new TreeMap<>();
        }
        return new TreeMap<>(tallies.subMap(fromInclusive, true, toExclusive, false));
    }

    /** Sets a day's tally directly (history that predates the rows held here). */
    public synchronized void tally(LocalDate day, OutcomeContext.Day tally) {
        tallies.put(day, tally);
    }

    /** The next {@code count} tally reads throw. */
    public synchronized void failTallyReads(int count) {
        failingReads = count;
    }

    public int tallyReads() {
        return tallyReads.get();
    }

    public synchronized List<TrainingRow> all() {
        return List.copyOf(rows.values());
    }
}
