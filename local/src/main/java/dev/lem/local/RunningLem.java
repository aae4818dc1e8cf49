package dev.lem.local;

import dev.lem.lead.LeadStore;
import dev.lem.local.bus.DeadLetters;
import dev.lem.local.bus.LocalEventBus;
import dev.lem.local.outbox.OutboxMailer;
import dev.lem.local.schedule.LocalStepScheduler;
import java.nio.file.Path;
import java.util.OptionalInt;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * A started {@code lem up}: where it listens, its admin token, and handles on its state for tests.
 * {@link #close()} stops everything (gateway, pollers, scheduler, bus, engines) and removes
 * {@code .lem/local.json}; keys and pending schedules stay for the next run.
 */
public final class RunningLem implements AutoCloseable {

    /** Every port this run opened, all on 127.0.0.1; no DynamoDB port when it runs embedded. */
    public record Ports(int gateway, int sqs, OptionalInt dynamoDb) {}

    private final String baseUrl;
    private final String adminToken;
    private final Ports ports;
    private final Path stateDir;
    private final LocalEngines engines;
    private final LeadStore leads;
    private final OutboxMailer outbox;
    private final LocalStepScheduler scheduler;
    private final LocalEventBus bus;
    private final DeadLetters deadLetters;
    private final Resources resources;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile Thread shutdownHook;

    RunningLem(String baseUrl, String adminToken, Ports ports, Path stateDir, LocalEngines engines, LeadStore leads,
               OutboxMailer outbox, LocalStepScheduler scheduler, LocalEventBus bus, DeadLetters deadLetters,
               Resources resources) {
        this.baseUrl = baseUrl;
        this.adminToken = adminToken;
        this.ports = ports;
        this.stateDir = stateDir;
        this.engines = engines;
        this.leads = leads;
        this.outbox = outbox;
        this.scheduler = scheduler;
        this.bus = bus;
        this.deadLetters = deadLetters;
        this.resources = resources;
    }

    /** {@code http://127.0.0.1:<gateway port>}, without a trailing slash. */
    public String baseUrl() {
        return baseUrl;
    }

    public String adminToken() {
        return adminToken;
    }

    public Ports ports() {
        return ports;
    }

    /** The {@code .lem} folder: keys.json, schedules.json, local.json. */
    public Path stateDir() {
        return stateDir;
    }

    public DynamoDbClient dynamoDb() {
        return engines.dynamoDb();
    }

    public SqsClient sqs() {
        return engines.sqs();
    }

    public String tableName() {
        return engines.tableName();
    }

    public LocalEngines engines() {
        return engines;
    }

    public LeadStore leads() {
        return leads;
    }

    public OutboxMailer outbox() {
        return outbox;
    }

    public LocalStepScheduler scheduler() {
        return scheduler;
    }

    public LocalEventBus bus() {
        return bus;
    }

    public DeadLetters deadLetters() {
        return deadLetters;
    }

    /** Blocks until {@link #close()} ran (on Ctrl-C / SIGTERM: through the shutdown hook). */
    public void awaitClosed() throws InterruptedException {
        stopped.await();
    }

    void closeOnShutdown() {
        Thread hook = new Thread(this::close, "lem-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        shutdownHook = hook;
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            resources.closeAll();
        } finally {
            stopped.countDown();
            removeShutdownHook();
        }
    }

    private void removeShutdownHook() {
        Thread hook = shutdownHook;
        if (hook == null || Thread.currentThread() == hook) {
            return;
        }
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the JVM is exiting: the hook runs anyway and finds everything closed
        }
    }
}
