package dev.lem.routing;

import dev.lem.journey.EnrolmentStore;
import dev.lem.lead.LeadId;
import dev.lem.queue.MessageQueue;
import dev.lem.schedule.StepScheduler;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Hand-written fakes of the router's ports, with the adapters' semantics. */
public final class Fakes {
    private Fakes() {}

    /** DynamoDbEnrolmentStore's rule: enrolled once per campaign; the same trigger may enrol again. */
    public static final class Enrolments implements EnrolmentStore {
        private final Map<String, String> triggers = new HashMap<>();

        @Override
        public boolean enrol(LeadId leadId, String campaignId, String triggerEventId, Instant at) {
            String existing = triggers.putIfAbsent(leadId + "/" + campaignId, triggerEventId);
            return existing == null || existing.equals(triggerEventId);
        }

        public Map<String, String> triggers() {
            return Map.copyOf(triggers);
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

    public record Schedule(String name, Instant at, String payloadJson) {}

    public static final class Scheduler implements StepScheduler {
        private final List<Schedule> scheduled = new ArrayList<>();

        @Override
        public void scheduleOnce(String name, Instant at, String payloadJson) {
            scheduled.add(new Schedule(name, at, payloadJson));
        }

        @Override
        public void cancel(String name) {
            throw new UnsupportedOperationException("the welcome journey cancels nothing");
        }

        public List<Schedule> scheduled() {
            return List.copyOf(scheduled);
        }
    }
}
