package dev.lem.local.cost;

import dev.lem.cost.EmfRecords;
import dev.lem.cost.InvocationUsage;
import dev.lem.cost.Usage;
import dev.lem.cost.UsageSource;
import dev.lem.local.PrivateFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * {@code lem up}'s stand-in for the EMF metrics in CloudWatch: it takes the same EMF lines the handlers write in AWS
 * (one per invocation) and keeps them in memory and in a JSON-lines file (mode 600) across runs; read back as
 * {@link UsageSource} by UTC day, like GetMetricData's daily sums.
 */
public final class UsageLedger implements UsageSource, Consumer<String> {

    private final Optional<Path> file;
    private final List<InvocationUsage> records = new ArrayList<>();

    private UsageLedger(Optional<Path> file) {
        this.file = file;
    }

    /** A ledger kept only in memory (the bench). */
    public static UsageLedger inMemory() {
        return new UsageLedger(Optional.empty());
    }

    /** Loads the records already in {@code file}; lines that are not LEM EMF records are skipped. */
    public static UsageLedger open(Path file) {
        UsageLedger ledger = new UsageLedger(Optional.of(file));
        if (Files.exists(file)) {
            try {
                for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                    EmfRecords.fromLine(line).ifPresent(ledger.records::add);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file, e);
            }
        }
        return ledger;
    }

    /** Takes one EMF line (the sink of {@code InvocationMetering}); other lines are ignored. */
    @Override
    public void accept(String line) {
        Optional<InvocationUsage> usage = EmfRecords.fromLine(line);
        if (usage.isEmpty()) {
            return;
        }
        synchronized (this) {
            if (file.isPresent()) {
                try {
                    PrivateFiles.append(file.get(), line + "\n");
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot write " + file.get().getFileName(), e);
                }
            }
            records.add(usage.get());
        }
    }

    public synchronized List<InvocationUsage> records() {
        return List.copyOf(records);
    }

    @Override
    public synchronized Usage total(LocalDate from, LocalDate to) {
        Usage total = Usage.NONE;
        for (InvocationUsage record : records) {
            if (within(record, from, to)) {
                total = total.plus(record.usage());
            }
        }
        return total;
    }

    @Override
    public synchronized Map<String, Usage> byCampaign(LocalDate from, LocalDate to) {
        Map<String, Usage> perCampaign = new TreeMap<>();
        for (InvocationUsage record : records) {
            if (within(record, from, to) && record.campaign().isPresent()) {
                perCampaign.merge(record.campaign().get(), record.usage(), Usage::plus);
            }
        }
        return perCampaign;
    }

    private static boolean within(InvocationUsage record, LocalDate from, LocalDate to) {
        LocalDate day = record.at().atZone(ZoneOffset.UTC).toLocalDate();
        return !day.isBefore(from) && !day.isAfter(to);
    }
}
