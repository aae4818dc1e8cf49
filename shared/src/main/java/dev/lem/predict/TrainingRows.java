package dev.lem.predict;

import java.util.List;

/** The stored training rows, one per outcome, read a week at a time (no table scans). */
public interface TrainingRows {

    /** Stores the row unless one is stored for its outcome already; @return whether this call stored it. */
    boolean add(TrainingRow row);

    /** The rows of one ISO week ({@link TrainingRow#week(java.time.Instant)}), oldest outcome first. */
    List<TrainingRow> week(String week);
}
