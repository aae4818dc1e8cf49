package dev.lem.testing.fakes;

import dev.lem.predict.TrainingRow;
import dev.lem.predict.TrainingRows;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** {@link TrainingRows} in a map keyed by outcome id: first write wins, weeks by {@link TrainingRow#week()}. */
public final class InMemoryTrainingRows implements TrainingRows {

    private final Map<String, TrainingRow> rows = new ConcurrentHashMap<>();

    @Override
    public boolean add(TrainingRow row) {
        return rows.putIfAbsent(row.outcomeId(), row) == null;
    }

    @Override
    public List<TrainingRow> week(String week) {
        List<TrainingRow> found = new ArrayList<>(rows.values().stream().filter(r -> r.week().equals(week)).toList());
        found.sort(Comparator.comparing(TrainingRow::occurredAt).thenComparing(TrainingRow::outcomeId));
        return found;
    }

    public List<TrainingRow> all() {
        return List.copyOf(rows.values());
    }
}
