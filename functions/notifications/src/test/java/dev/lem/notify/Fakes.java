package dev.lem.notify;

import dev.lem.bus.EventBus;
import dev.lem.events.LemEvent;
import dev.lem.idempotency.IdempotencyStore;
import dev.lem.lead.Activity;
import dev.lem.lead.Lead;
import dev.lem.lead.LeadId;
import dev.lem.lead.LeadStore;
import dev.lem.lead.ScoreChange;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;

/** Hand-written fakes of the notifications ports, with the adapters' semantics. */
public final class Fakes {
    private Fakes() {}

    public static final class Leads implements LeadStore {
        private final Map<LeadId, Lead> leads = new HashMap<>();

        public void put(Lead lead) {
            leads.put(lead.id(), lead);
        }

        @Override
        public Optional<Lead> find(LeadId id) {
            return Optional.ofNullable(leads.get(id));
        }

        @Override
        public Optional<Lead> findByEmailHash(String emailHash) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void create(Lead lead) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void update(Lead lead) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void recordActivity(Activity activity) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Optional<ScoreChange> applyActivity(Activity activity, int points) {
            throw new UnsupportedOperationException();
        }
    }

    /** DynamoDbIdempotencyStore's rules: a live claim or a completed record blocks; release gives back only a live claim. */
    public static final class Idempotency implements IdempotencyStore {

        public enum Status { IN_PROGRESS, COMPLETED }

        public record Entry(Status status, Instant expiresAt) {}

        private final Map<String, Entry> entries = new HashMap<>();
        private final List<String> calls = new ArrayList<>();

        public void hold(String key, Instant until) {
            entries.put(key, new Entry(Status.IN_PROGRESS, until));
        }

        public Optional<Entry> entry(String key) {
            return Optional.ofNullable(entries.get(key));
        }

        /** "claim key 5m", "complete key 30d", "release key", in call order. */
        public List<String> calls() {
            return List.copyOf(calls);
        }

        @Override
        public Claim claim(String key, Instant now, Duration inProgressFor) {
            calls.add("claim " + key + " " + inProgressFor.toMinutes() + "m");
            Entry existing = entries.get(key);
            if (existing == null || (existing.status() == Status.IN_PROGRESS && existing.expiresAt().isBefore(now))) {
                entries.put(key, new Entry(Status.IN_PROGRESS, now.plus(inProgressFor)));
                return Claim.CLAIMED;
            }
            return existing.status() == Status.COMPLETED ? Claim.ALREADY_COMPLETED : Claim.IN_PROGRESS;
        }

        @Override
        public void complete(String key, Instant now, Duration keepFor) {
            calls.add("complete " + key + " " + keepFor.toDays() + "d");
            entries.put(key, new Entry(Status.COMPLETED, now.plus(keepFor)));
        }

        @Override
        public void release(String key) {
            calls.add("release " + key);
            Entry existing = entries.get(key);
            if (existing != null && existing.status() == Status.IN_PROGRESS) {
                entries.remove(key);
            }
        }
    }

    /** Records what it was asked to send; answers scripted failures first, then provider ids. */
    public static final class RecordingMailer implements Mailer {
        private final List<OutgoingEmail> sent = new ArrayList<>();
        private final Queue<RuntimeException> failures = new ArrayDeque<>();

        public void failNextWith(RuntimeException failure) {
            failures.add(failure);
        }

        /** Every call, failed ones included. */
        public List<OutgoingEmail> calls() {
            return List.copyOf(sent);
        }

        @Override
        public String send(OutgoingEmail email) {
            sent.add(email);
            RuntimeException failure = failures.poll();
            if (failure != null) {
                throw failure;
            }
            return "ses-" + sent.size();
        }
    }

    public static final class Bus implements EventBus {
        private final List<LemEvent> published = new ArrayList<>();
        private final Queue<RuntimeException> failures = new ArrayDeque<>();

        public void failNextWith(RuntimeException failure) {
            failures.add(failure);
        }

        @Override
        public void publish(List<? extends LemEvent> events) {
            RuntimeException failure = failures.poll();
            if (failure != null) {
                throw failure;
            }
            published.addAll(events);
        }

        public List<LemEvent> published() {
            return List.copyOf(published);
        }
    }
}
