package dev.lem.lead;

import java.time.Instant;

/**
 * One marketing touch: where a visitor came from when they submitted a form. Any value may be null (unknown).
 *
 * @param source      {@code utm_source}, else derived: {@code google} for a gclid, {@code facebook} for an fbclid,
 *                    the referrer's host, or null for a direct visit
 * @param medium      {@code utm_medium}, else derived: {@code cpc}, {@code paid-social}, {@code organic} (a search
 *                    engine referrer), {@code referral}
 * @param keyword     the search keyword: {@code utm_term}, else the query of a search engine referrer
 * @param referrer    the page that linked to the landing page (http(s) only)
 * @param landingPage the first page of the visit (http(s) only)
 */
public record Touch(String source, String medium, String campaign, String term, String content, String gclid,
                    String fbclid, String referrer, String landingPage, String keyword, String formId, Instant at) {

    /** Whether the touch says anything at all about where the visitor came from. */
    public boolean isKnown() {
        return source != null || medium != null || campaign != null || term != null || content != null || gclid != null
                || fbclid != null || referrer != null || landingPage != null || keyword != null;
    }
}
