package dev.lem.drip;

import dev.lem.lead.Activity;
import dev.lem.lead.Lead;
import dev.lem.lead.LeadId;
import dev.lem.lead.LeadStore;
import dev.lem.lead.ScoreChange;
import dev.lem.queue.MessageQueue;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Hand-written fakes of drip's ports. */
public final class Fakes {
    private Fakes() {}

    /** Only lookups by id: drip reads leads, it never writes them. */
    public static final class Leads implements LeadStore {
        private final Map<LeadId, Lead> leads = new HashMap<>();
        private RuntimeException outage;

        public void put(Lead lead) {
            leads.put(lead.id(), lead);
        }

        public void failWith(RuntimeException outage) {
            this.outage = outage;
        }

        @Override
        public Optional<Lead> find(LeadId id) {
            if (outage != null) {
                throw outage;
            }
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

    public static final class Queue implements MessageQueue {
        private final List<String> bodies = new ArrayList<>();
        private RuntimeException failure;

        @Override
        public void send(String body) {
            if (failure != null) {
                throw failure;
            }
            bodies.add(body);
        }

        public void failWith(RuntimeException failure) {
            this.failure = failure;
        }

        public List<String> bodies() {
            return List.copyOf(bodies);
        }
    }
}
