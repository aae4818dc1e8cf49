package dev.lem.journey;

import dev.lem.lead.Lead;
import dev.lem.lead.Touch;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * What conditions can test about a lead in a journey, by field name: {@code score}, {@code state}, {@code source},
 * {@code medium}, {@code campaign} (the latest touch), {@code consent.<channel>}, {@code profile.<field>},
 * {@code event.<property>} (the entry event), {@code answer.<survey step>} and the lead's {@code tags}.
 */
public record Facts(Map<String, String> values, Set<String> tags) {

    public static final String TAGS = "tags";
    /** The profile key that holds a lead's journey tags (comma separated, sorted). */
    public static final String TAGS_PROFILE_KEY = "lem:tags";

    public Facts {
        values = Map.copyOf(values);
        tags = Set.copyOf(tags);
    }

    public static Facts of(Lead lead, Map<String, String> entryEvent, Map<String, String> answers) {
        Map<String, String> values = new HashMap<>();
        values.put("score", Integer.toString(lead.score()));
        values.put("state", lead.state().wireName());
        Touch touch = lead.attribution().lastTouch();
        if (touch != null) {
            putIfKnown(values, "source", touch.source());
            putIfKnown(values, "medium", touch.medium());
            putIfKnown(values, "campaign", touch.campaign());
        }
        lead.consents().forEach((channel, consent) -> values.put("consent." + channel, Boolean.toString(consent.granted())));
        lead.profile().forEach((field, value) -> {
            if (!field.equals(TAGS_PROFILE_KEY)) {
                values.put("profile." + field, value);
            }
        });
        entryEvent.forEach((k, v) -> values.put("event." + k, v));
        answers.forEach((k, v) -> values.put("answer." + k, v));
        return new Facts(values, tagsOf(lead));
    }

    public static Set<String> tagsOf(Lead lead) {
        String stored = lead.profile().get(TAGS_PROFILE_KEY);
        Set<String> tags = new TreeSet<>();
        if (stored != null && !stored.isBlank()) {
            tags.addAll(java.util.List.of(stored.split(",")));
        }
        return tags;
    }

    public Optional<String> value(String field) {
        return Optional.ofNullable(values.get(field));
    }

    /** These facts after an update step: points added, state and tags replaced. */
    public Facts updated(Step.Update update) {
        Map<String, String> next = new HashMap<>(values);
        int score = value("score").map(Integer::parseInt).orElse(0) + update.points();
        next.put("score", Integer.toString(score));
        update.state().ifPresent(s -> next.put("state", s.wireName()));
        Set<String> nextTags = new TreeSet<>(tags);
        nextTags.addAll(update.tags());
        return new Facts(next, nextTags);
    }

    private static void putIfKnown(Map<String, String> values, String key, String value) {
        if (value != null) {
            values.put(key, value);
        }
    }
}
