package dev.lem.predict;

import dev.lem.lead.Activity;
import dev.lem.lead.Lead;
import dev.lem.lead.Touch;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * One lead as a model input record (column name → raw value), as it stood at {@code asOf}: the same function builds
 * training rows (as of the outcome) and scoring inputs (as of now), so the model sees the same columns both times.
 * <ul>
 *   <li>{@code profile.<field>}: captured profile fields, except personal ones ({@link #PERSONAL_FIELDS}) — models
 *       must not learn from, or store vocabularies of, names and phone numbers;</li>
 *   <li>{@code first.source|medium|campaign|keyword|landingPage} and {@code last.…}: marketing attribution;</li>
 *   <li>{@code activity.<type>.count} and {@code activity.<type>.daysSince}: activity aggregates per type, plus
 *       {@code activity.count}; only activity that happened at or before {@code asOf} counts (no peeking at the
 *       future when a training row is built as of its outcome);</li>
 *   <li>{@code page.<section>.count} and {@code page.<section>.daysSince}: the same per site section of the pages a
 *       lead viewed (activities with a {@code page} attribute, {@code host/path}: the section is the first path
 *       segment, {@code pricing} for {@code www.example.com/pricing/teams}, {@code home} for the root), for at most
 *       {@value #MAX_PAGE_SECTIONS} sections per lead (its most visited); which sections become model inputs is
 *       decided where rows become a table (training keeps the sections common across rows);</li>
 *   <li>{@code consent.email} ({@code granted}/{@code none}) and {@code daysSinceCreated}.</li>
 * </ul>
 * Training rows and scoring inputs also carry the {@link OutcomeContext} features of their day
 * ({@code context.…}, {@link #withContext}): the same for every lead on a day.
 */
public final class LeadFeatures {

    /** Profile fields never used as features (lower case, compared case-insensitively). */
    public static final Set<String> PERSONAL_FIELDS = Set.of("name", "firstname", "lastname", "fullname", "email",
            "phone", "mobile", "address", "street", "postcode", "zip", "birthdate", "dateofbirth");

    /** What every page-section feature starts with: {@code page.<section>.count}, {@code page.<section>.daysSince}. */
    public static final String PAGE_PREFIX = "page.";
    static final int MAX_PAGE_SECTIONS = 20;
    private static final int MAX_SECTION_LENGTH = 40;
    private static final java.util.regex.Pattern NOT_SECTION_CHARACTER = java.util.regex.Pattern.compile("[^a-z0-9_-]");
    /** What every {@link OutcomeContext} feature starts with, and no lead feature does. */
    public static final String CONTEXT_PREFIX = "context.";

    private LeadFeatures() {}

    public static Map<String, String> of(Lead lead, List<Activity> activities, Instant asOf) {
        Map<String, String> record = new LinkedHashMap<>();
        lead.profile().forEach((field, value) -> {
            String normalised = field.toLowerCase(Locale.ROOT).replaceAll("[^a-z]", "");
            if (!PERSONAL_FIELDS.contains(normalised) && value != null) {
                record.put("profile." + field, value);
            }
        });
        touch(record, "first.", lead.attribution().firstTouch());
        touch(record, "last.", lead.attribution().lastTouch());
        Aggregates byType = new Aggregates();
        Aggregates bySection = new Aggregates();
        int total = 0;
        for (Activity activity : activities) {
            if (activity.occurredAt().isAfter(asOf)) {
                continue;
            }
            total++;
            byType.add(activity.type(), activity.occurredAt());
            String page = activity.attributes().get("page");
            if (page != null) {
                bySection.add(section(page), activity.occurredAt());
            }
        }
        byType.counts.keySet().stream().sorted().forEach(type -> byType.put(record, "activity." + type, type, asOf));
        bySection.counts.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(MAX_PAGE_SECTIONS)
                .forEach(section -> bySection.put(record, PAGE_PREFIX + section.getKey(), section.getKey(), asOf));
        record.put("activity.count", Integer.toString(total));
        record.put("consent.email", lead.hasConsent(Lead.EMAIL_CHANNEL) ? "granted" : "none");
        if (lead.createdAt() != null) {
            record.put("daysSinceCreated", days(lead.createdAt(), asOf));
        }
        return record;
    }

    /** Count and latest time per key. */
    private static final class Aggregates {
        private final Map<String, Integer> counts = new HashMap<>();
        private final Map<String, Instant> latest = new HashMap<>();

        void add(String key, Instant at) {
            counts.merge(key, 1, Integer::sum);
            latest.merge(key, at, (a, b) -> a.isAfter(b) ? a : b);
        }

        void put(Map<String, String> record, String prefix, String key, Instant asOf) {
            record.put(prefix + ".count", Integer.toString(counts.get(key)));
            record.put(prefix + ".daysSince", days(latest.get(key), asOf));
        }
    }

    /** The site section of a {@code host/path} page: its first path segment, lower case, {@code home} for the root. */
    static String section(String page) {
        int slash = page.indexOf('/');
        String path = slash < 0 ? "" : page.substring(slash + 1);
        int end = path.indexOf('/');
        String first = NOT_SECTION_CHARACTER.matcher((end < 0 ? path : path.substring(0, end)).toLowerCase(Locale.ROOT))
                .replaceAll("");
        if (first.isEmpty()) {
            return "home";
        }
        return first.length() > MAX_SECTION_LENGTH ? first.substring(0, MAX_SECTION_LENGTH) : first;
    }

    /**
     * The lead's record ({@link #of}) with the {@link OutcomeContext} features of the day it is seen on: what training
     * rows and scoring inputs hold. The context's keys ({@code context.…}) are none of the lead's (those above);
     * a clash would make one silently replace the other, so it throws.
     */
    public static Map<String, String> withContext(Map<String, String> lead, Map<String, String> context) {
        Map<String, String> record = new LinkedHashMap<>(lead);
        context.forEach((key, value) -> {
            if (!key.startsWith(CONTEXT_PREFIX) || record.putIfAbsent(key, value) != null) {
                throw new IllegalArgumentException("context feature " + key + " is not " + CONTEXT_PREFIX
                        + "… or clashes with a lead feature");
            }
        });
        return record;
    }

    private static void touch(Map<String, String> record, String prefix, Touch touch) {
        if (touch == null) {
            return;
        }
        put(record, prefix + "source", touch.source());
        put(record, prefix + "medium", touch.medium());
        put(record, prefix + "campaign", touch.campaign());
        put(record, prefix + "keyword", touch.keyword());
        put(record, prefix + "landingPage", touch.landingPage());
    }

    private static void put(Map<String, String> record, String key, String value) {
        if (value != null && !value.isBlank()) {
            record.put(key, value);
        }
    }

    private static String days(Instant from, Instant asOf) {
        double days = Duration.between(from, asOf).toMinutes() / 1440.0;
        return String.format(Locale.ROOT, "%.2f", Math.max(0, days));
    }
}
