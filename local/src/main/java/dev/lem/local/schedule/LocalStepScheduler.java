package dev.lem.local.schedule;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.core.type.TypeReference;
import dev.lem.config.FunctionName;
import dev.lem.cost.Metering;
import dev.lem.json.Json;
import dev.lem.local.LocalLambdaContext;
import dev.lem.local.PrivateFiles;
import dev.lem.local.bus.DeadLetters;
import dev.lem.schedule.ScheduleException;
import dev.lem.schedule.StepScheduler;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * EventBridge Scheduler's one-shot {@code at()} schedules on one machine. Pending schedules live in a
 * JSON file (rewritten whole on every change), so they survive a restart; a ticker fires due ones every
 * second by invoking the target (the drip handler) with the payload, and deletes each after it ran
 * (ActionAfterCompletion DELETE). A schedule whose target fails is tried again on later ticks, and after
 * {@value #ATTEMPTS} failures goes to the dead letters.
 */
public final class LocalStepScheduler implements StepScheduler, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LocalStepScheduler.class);
    static final int ATTEMPTS = 3;
    private static final int MAX_NAME = 64;

    /** A timer waiting to fire. */
    public record PendingSchedule(String name, Instant at, String payload) {}

    /** What one firing pass did, by schedule name. */
    public record Firing(List<String> fired, List<String> failed) {}

    private final Path file;
    private final RequestStreamHandler target;
    private final DeadLetters deadLetters;
    private final Clock clock;
    private final Map<String, PendingSchedule> pending = new LinkedHashMap<>();
    private final Map<String, Integer> failures = new HashMap<>();
    private final Object firing = new Object();
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "lem-scheduler");
        thread.setDaemon(true);
        return thread;
    });

    private LocalStepScheduler(Path file, RequestStreamHandler target, DeadLetters deadLetters, Clock clock) {
        this.file = file;
        this.target = target;
        this.deadLetters = deadLetters;
        this.clock = clock;
    }

    /** Loads the schedules pending in {@code file} (none when it does not exist); does not fire yet. */
    public static LocalStepScheduler open(Path file, RequestStreamHandler target, DeadLetters deadLetters, Clock clock) {
        LocalStepScheduler scheduler = new LocalStepScheduler(file, target, deadLetters, clock);
        scheduler.load();
        return scheduler;
    }

    /** Fires due schedules every second from now on. */
    public void start() {
        ticker.scheduleWithFixedDelay(() -> {
            try {
                fireDue(clock.instant());
            } catch (RuntimeException e) {
                LOG.error("scheduler tick failed error={}", e.getClass().getSimpleName());
            }
        }, 1, 1, TimeUnit.SECONDS);
    }

    @Override
    public void scheduleOnce(String name, Instant at, String payloadJson) {
        requireValidName(name);
        Metering.request("Scheduler", "CreateSchedule", 1); // the call EventBridgeStepScheduler would make
        synchronized (this) {
            if (pending.containsKey(name)) {
                return;
            }
            pending.put(name, new PendingSchedule(name, at, payloadJson));
            save();
        }
        LOG.info("schedule created name={} at={}", name, at);
    }

    @Override
    public void cancel(String name) {
        requireValidName(name);
        Metering.request("Scheduler", "DeleteSchedule", 1);
        synchronized (this) {
            if (pending.remove(name) == null) {
                return;
            }
            failures.remove(name);
            save();
        }
        LOG.info("schedule cancelled name={}", name);
    }

    /** Pending schedules, soonest first. */
    public synchronized List<PendingSchedule> pending() {
        return pending.values().stream().sorted(Comparator.comparing(PendingSchedule::at)).toList();
    }

    /**
     * Fires every schedule due at or before {@code until}, soonest first: the ticker passes now, the admin
     * endpoint a later instant (to run a two-day drip now). One pass at a time.
     */
    public Firing fireDue(Instant until) {
        synchronized (firing) {
            List<String> fired = new ArrayList<>();
            List<String> failed = new ArrayList<>();
            for (PendingSchedule schedule : pending()) {
                if (schedule.at().isAfter(until)) {
                    break;
                }
                (fire(schedule) ? fired : failed).add(schedule.name());
            }
            return new Firing(fired, failed);
        }
    }

    private boolean fire(PendingSchedule schedule) {
        try {
            target.handleRequest(new ByteArrayInputStream(schedule.payload().getBytes(StandardCharsets.UTF_8)),
                    OutputStream.nullOutputStream(), LocalLambdaContext.invoke(FunctionName.DRIP));
            remove(schedule.name());
            LOG.info("schedule fired name={}", schedule.name());
            return true;
        } catch (Exception e) {
            int attempts;
            synchronized (this) {
                attempts = failures.merge(schedule.name(), 1, Integer::sum);
            }
            if (attempts >= ATTEMPTS) {
                remove(schedule.name());
                LOG.error("schedule dead-lettered name={} attempts={} error={}", schedule.name(), attempts,
                        e.getClass().getSimpleName());
                deadLetters.add(new DeadLetters.DeadLetter("scheduler", schedule.name(),
                        DeadLetters.reason(e), attempts, clock.instant(), schedule.payload()));
            } else {
                LOG.warn("schedule failed, will retry name={} attempt={} error={}", schedule.name(), attempts,
                        e.getClass().getSimpleName());
            }
            return false;
        }
    }

    private synchronized void remove(String name) {
        failures.remove(name);
        if (pending.remove(name) != null) {
            save();
        }
    }

    private synchronized void load() {
        if (!Files.exists(file)) {
            return;
        }
        try {
            List<PendingSchedule> stored = Json.mapper().readValue(Files.readString(file, StandardCharsets.UTF_8),
                    new TypeReference<List<PendingSchedule>>() {});
            stored.forEach(s -> pending.put(s.name(), s));
            LOG.info("schedules reloaded count={}", stored.size());
        } catch (IOException | RuntimeException e) {
            Path aside = file.resolveSibling(file.getFileName() + ".unreadable-" + clock.millis());
            try {
                Files.move(file, aside, StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException moveFailed) {
                throw new UncheckedIOException("cannot read or move aside " + file, moveFailed);
            }
            LOG.error("schedules file unreadable, moved aside file={} error={}", aside.getFileName(), e.getClass().getSimpleName());
        }
    }

    private void save() {
        try {
            PrivateFiles.write(file, Json.write(List.copyOf(pending.values())));
        } catch (IOException e) {
            throw new ScheduleException("cannot write " + file.getFileName(), true, e);
        }
    }

    private static void requireValidName(String name) {
        if (name == null || name.isEmpty() || name.length() > MAX_NAME || !name.matches("[0-9a-zA-Z-_.]+")) {
            throw new IllegalArgumentException("schedule name must be 1-64 of [0-9a-zA-Z-_.]");
        }
    }

    @Override
    public void close() {
        ticker.shutdown();
        try {
            if (!ticker.awaitTermination(5, TimeUnit.SECONDS)) {
                ticker.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            ticker.shutdownNow();
        }
    }
}
