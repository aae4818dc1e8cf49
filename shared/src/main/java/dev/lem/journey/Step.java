package dev.lem.journey;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lem.lead.LeadState;
import dev.lem.messaging.Channel;
import dev.lem.messaging.MessageCategory;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One step of a journey. Every step has an id (unique in its journey) and may name the step that follows it;
 * without {@code next} the following step in the list runs, and after the last one the journey is complete.
 */
public sealed interface Step {

    String id();

    Optional<String> next();

    /** Queue a message (email, SMS, or a webhook call) for the lead. */
    record Send(String id, Optional<String> next, Channel channel, MessageCategory category, String template,
                Map<String, String> data) implements Step {
        public Send {
            data = Map.copyOf(data);
        }
    }

    /** Pause: for a duration, until a local time window opens, or until an event (with a timeout). */
    record Wait(String id, Optional<String> next, Optional<Duration> duration, Optional<Window> window,
                Optional<JsonNode> event, Optional<Duration> timeout, Optional<String> onTimeout) implements Step {}

    /**
     * A local time window: {@code from}–{@code to} on the given days, in the lead's zone (a profile field) or the
     * journey's zone (UTC when neither is known or valid).
     */
    record Window(LocalTime from, LocalTime to, Set<DayOfWeek> days, Optional<String> timeZone,
                  Optional<String> timeZoneField) {
        public Window {
            days = Set.copyOf(days);
        }
    }

    /** Either rules (first match wins, else {@code otherwise}, else the next step) or a random A/B split. */
    record Branch(String id, Optional<String> next, List<Rule> rules, Optional<String> otherwise,
                  Optional<Split> split) implements Step {
        public Branch {
            rules = List.copyOf(rules);
        }
    }

    record Rule(List<Condition> when, String target) {
        public Rule {
            when = List.copyOf(when);
        }
    }

    /** Variants take their percent of leads in order; the holdout comes first and leaves the journey. */
    record Split(List<Variant> variants, double holdoutPercent) {
        public Split {
            variants = List.copyOf(variants);
        }
    }

    record Variant(String name, double percent, String target) {}

    /** Change the lead: its lifecycle state, points added to its score, tags added. */
    record Update(String id, Optional<String> next, Optional<LeadState> state, int points, List<String> tags)
            implements Step {
        public Update {
            tags = List.copyOf(tags);
        }
    }

    /** Assign an owner (round robin, or by territory) and send the task to the CRM webhook. */
    record HandToSales(String id, Optional<String> next, Assignment assignment, Optional<String> territoryField,
                       String template, List<Owner> owners) implements Step {
        public HandToSales {
            owners = List.copyOf(owners);
        }
    }

    enum Assignment { ROUND_ROBIN, TERRITORY }

    record Owner(String id, boolean away, Set<String> territories) {
        public Owner {
            territories = Set.copyOf(territories);
        }
    }

    /** A one-question 0–10 survey in a message; waits for the answer (a {@code survey.answered} activity). */
    record Survey(String id, Optional<String> next, Channel channel, String template, String question,
                  Duration timeout) implements Step {}

    /** Leave the journey now. */
    record Exit(String id) implements Step {
        @Override
        public Optional<String> next() {
            return Optional.empty();
        }
    }
}
