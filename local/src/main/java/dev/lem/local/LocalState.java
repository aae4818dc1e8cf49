package dev.lem.local;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * The {@code .lem/} folder of {@code lem up} (mode 700, every file mode 600), the one place that names its
 * files. What a run keeps for the next one: the DynamoDB table (leads, activity, enrolments, forms,
 * idempotency records) in an SQLite file, the outbox, pending schedules and the keys. {@code --fresh} wipes
 * them before starting. One run per folder: a second one is refused while the first holds the lock.
 */
public final class LocalState implements AutoCloseable {

    static final String KEYS = "keys.json";
    static final String SCHEDULES = "schedules.json";
    static final String OUTBOX = "outbox.jsonl";
    static final String STATE_HISTORY = "state-history.jsonl";
    static final String DYNAMODB = "dynamodb.db";
    static final String LOCAL_JSON = "local.json";
    static final String USAGE = "usage.jsonl";
    private static final String LOCK = "lock";
    /** Data files {@code --fresh} removes (SQLite's journal files included). */
    static final List<String> DATA = List.of(KEYS, SCHEDULES, OUTBOX, STATE_HISTORY, USAGE, DYNAMODB, DYNAMODB + "-journal", DYNAMODB + "-wal",
            DYNAMODB + "-shm");

    private final Path dir;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private final boolean wiped;

    private LocalState(Path dir, FileChannel lockChannel, FileLock lock, boolean wiped) {
        this.dir = dir;
        this.lockChannel = lockChannel;
        this.lock = lock;
        this.wiped = wiped;
    }

    /**
     * Creates or opens {@code workDir/.lem}, takes its lock, and with {@code fresh} deletes the data of
     * earlier runs.
     *
     * @throws IllegalStateException when another {@code lem up} runs in this folder
     */
    public static LocalState open(Path workDir, boolean fresh) throws IOException {
        Path dir = PrivateFiles.directory(workDir.resolve(".lem"));
        PrivateFiles.createIfMissing(dir.resolve(LOCK));
        FileChannel channel = FileChannel.open(dir.resolve(LOCK), StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException sameJvm) {
            lock = null;
        }
        if (lock == null) {
            channel.close();
            throw new IllegalStateException("another lem up is running with its state in " + dir
                    + "; stop it first, or use another --dir");
        }
        try {
            boolean wiped = false;
            if (fresh) {
                for (String name : DATA) {
                    wiped |= Files.deleteIfExists(dir.resolve(name));
                }
            }
            PrivateFiles.createIfMissing(dir.resolve(DYNAMODB));
            return new LocalState(dir, channel, lock, wiped);
        } catch (IOException | RuntimeException e) {
            lock.release();
            channel.close();
            throw e;
        }
    }

    public Path dir() {
        return dir;
    }

    public Path keys() {
        return dir.resolve(KEYS);
    }

    public Path schedules() {
        return dir.resolve(SCHEDULES);
    }

    public Path outbox() {
        return dir.resolve(OUTBOX);
    }

    /** Lifecycle changes seen on the bus, for the admin pages. */
    public Path stateHistory() {
        return dir.resolve(STATE_HISTORY);
    }

    /** DynamoDB Local's SQLite file (created empty with mode 600 before the engine opens it). */
    /** The usage ledger: one EMF record per handler invocation, for /reports/cost. */
    public Path usage() {
        return dir.resolve(USAGE);
    }

    public Path dynamoDb() {
        return dir.resolve(DYNAMODB);
    }

    public Path localJson() {
        return dir.resolve(LOCAL_JSON);
    }

    /** True when {@code --fresh} deleted data of an earlier run. */
    public boolean wiped() {
        return wiped;
    }

    /** Releases the folder for the next run; the data stays. */
    @Override
    public void close() throws IOException {
        try {
            lock.release();
        } finally {
            lockChannel.close();
        }
    }
}
