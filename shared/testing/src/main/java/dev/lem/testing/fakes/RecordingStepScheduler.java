package dev.lem.testing.fakes;

import dev.lem.schedule.StepScheduler;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Records every call and keeps the timers EventBridgeStepScheduler would leave: names follow its rules (1-64 of
 * {@code [0-9a-zA-Z-_.]}, else IllegalArgumentException), scheduling a pending name again changes nothing, cancelling
 * an unknown name is a no-op. Timers never fire here.
 */
public final class RecordingStepScheduler extends ScriptedFailures implements StepScheduler {

    private static final Pattern VALID_NAME = Pattern.compile("[0-9a-zA-Z_.-]{1,64}");

    /** One {@link #scheduleOnce} call. */
    public record Schedule(String name, Instant at, String payloadJson) {}

    private final List<Schedule> scheduled = new ArrayList<>();
    private final Map<String, Schedule> pending = new LinkedHashMap<>();
    private final List<String> cancelled = new ArrayList<>();

    @Override
    public void scheduleOnce(String name, Instant at, String payloadJson) {
        throwScriptedFailure();
        requireValidName(name);
        Schedule schedule = new Schedule(name, at, payloadJson);
        scheduled.add(schedule);
        pending.putIfAbsent(name, schedule);
    }

    @Override
    public void cancel(String name) {
        throwScriptedFailure();
        requireValidName(name);
        cancelled.add(name);
        pending.remove(name);
    }

    /** Every {@link #scheduleOnce} call in order, repeats of a name included. */
    public List<Schedule> scheduled() {
        return List.copyOf(scheduled);
    }

    /** The timers that would fire: the first schedule of each name not cancelled since, by name. */
    public Map<String, Schedule> pending() {
        return new LinkedHashMap<>(pending);
    }

    /** Every {@link #cancel} call's name, in order. */
    public List<String> cancelled() {
        return List.copyOf(cancelled);
    }

    private static void requireValidName(String name) {
        if (name == null || !VALID_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("schedule name must be 1-64 of [0-9a-zA-Z-_.]");
        }
    }
}
