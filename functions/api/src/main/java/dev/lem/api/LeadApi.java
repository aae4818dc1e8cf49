package dev.lem.api;

import dev.lem.lead.EmailAddress;
import dev.lem.lead.IdentityHasher;
import dev.lem.lead.Lead;
import dev.lem.lead.LeadId;
import dev.lem.lead.LeadStanding;
import dev.lem.lead.LeadStandingStore;
import dev.lem.lead.LeadStore;
import java.time.Clock;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The admin reads: {@code GET /leads?email=} (looked up through the keyed hash of the normalised email, never the
 * raw email), {@code GET /leads/{id}} and {@code GET /leads/{id}/score}. Every input is checked: a malformed id or
 * email is a 400 naming the problem, an unknown lead a 404, another method a 405, another path a 404.
 */
public final class LeadApi {

    /** Longest email accepted in the query (RFC 5321 caps addresses at 254; a little slack for whitespace). */
    static final int MAX_EMAIL_LENGTH = 320;
    private static final Pattern LEAD = Pattern.compile("/leads/([^/]{1,128})");
    private static final Pattern SCORE = Pattern.compile("/leads/([^/]{1,128})/score");

    private final LeadStore leads;
    private final LeadStandingStore standings;
    private final IdentityHasher identity;
    private final Clock clock;

    public LeadApi(LeadStore leads, LeadStandingStore standings, IdentityHasher identity, Clock clock) {
        this.leads = leads;
        this.standings = standings;
        this.identity = identity;
        this.clock = clock;
    }

    public ApiResponse handle(ApiRequest request) {
        String path = request.path().length() > 1 && request.path().endsWith("/")
                ? request.path().substring(0, request.path().length() - 1) : request.path();
        boolean known = path.equals("/leads") || LEAD.matcher(path).matches() || SCORE.matcher(path).matches();
        if (!known) {
            return ApiResponse.error(404, "no such route: " + request.method() + " " + printable(path));
        }
        if (!request.method().equals("GET")) {
            return ApiResponse.error(405, "only GET is allowed here");
        }
        if (path.equals("/leads")) {
            return byEmail(request);
        }
        Matcher score = SCORE.matcher(path);
        if (score.matches()) {
            return leadId(score.group(1)).map(this::score).orElseGet(LeadApi::badId);
        }
        Matcher lead = LEAD.matcher(path);
        lead.matches();
        return leadId(lead.group(1)).map(this::lead).orElseGet(LeadApi::badId);
    }

    private ApiResponse byEmail(ApiRequest request) {
        Optional<String> raw = Optional.ofNullable(request.query().get("email"));
        if (raw.isEmpty() || raw.get().isBlank()) {
            return ApiResponse.error(400, "email is required: GET /leads?email=<address>");
        }
        if (raw.get().length() > MAX_EMAIL_LENGTH) {
            return ApiResponse.error(400, "email is longer than " + MAX_EMAIL_LENGTH + " characters");
        }
        Optional<EmailAddress> email = EmailAddress.parse(raw.get());
        if (email.isEmpty()) {
            return ApiResponse.error(400, "email is not a valid address");
        }
        return leads.findByEmailHash(identity.hash(email.get()))
                .map(found -> ApiResponse.ok(LeadView.of(found, standing(found))))
                .orElseGet(() -> ApiResponse.error(404, "no lead with this email"));
    }

    private ApiResponse lead(LeadId id) {
        return leads.find(id).map(found -> ApiResponse.ok(LeadView.of(found, standing(found))))
                .orElseGet(() -> ApiResponse.error(404, "no lead " + id.value()));
    }

    private ApiResponse score(LeadId id) {
        Optional<Lead> lead = leads.find(id);
        if (lead.isEmpty()) {
            return ApiResponse.error(404, "no lead " + id.value());
        }
        return ApiResponse.ok(ScoreView.of(lead.get(), standing(lead.get()), standings.history(id), clock.instant()));
    }

    private LeadStanding standing(Lead lead) {
        return standings.find(lead.id()).orElseGet(() -> LeadStanding.initial(lead.id()));
    }

    private static Optional<LeadId> leadId(String raw) {
        try {
            return Optional.of(new LeadId(raw));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static ApiResponse badId() {
        return ApiResponse.error(400, "lead id must be a lowercase UUID");
    }

    /** A path echoed in an error: at most 100 printable ASCII characters. */
    private static String printable(String path) {
        String clean = path.replaceAll("[^\\x21-\\x7e]", "?");
        return clean.length() > 100 ? clean.substring(0, 100) + "…" : clean;
    }
}
