package dev.lem.local.admin;

import dev.lem.lead.LeadId;
import dev.lem.local.Html;
import dev.lem.local.gateway.Endpoint;
import dev.lem.local.gateway.GatewayReply;
import dev.lem.local.gateway.GatewayRequest;
import dev.lem.local.gateway.Routes;
import dev.lem.local.outbox.OutboxMailer;
import dev.lem.local.outbox.SentEmail;
import dev.lem.local.schedule.LocalStepScheduler;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The admin pages of {@code lem up}, rendered by the server (every value escaped, no script): a lead list at
 * {@code /admin} and a lead page at {@code /admin/leads/{leadId}} with its state, score, activity timeline,
 * enrolments, pending timers and the messages sent to it. A browser logs in once with the run's admin
 * token (from {@code .lem/local.json}) and gets an HttpOnly, SameSite=Strict cookie for {@code /admin};
 * {@code Authorization: Bearer} works too.
 */
public final class AdminPages {

    private final AdminToken token;
    private final LeadRecords records;
    private final OutboxMailer outbox;
    private final LocalStepScheduler scheduler;
    private final StateHistory stateHistory;

    public AdminPages(AdminToken token, LeadRecords records, OutboxMailer outbox, LocalStepScheduler scheduler,
                      StateHistory stateHistory) {
        this.token = token;
        this.records = records;
        this.outbox = outbox;
        this.scheduler = scheduler;
        this.stateHistory = stateHistory;
    }

    public Routes.Builder addTo(Routes.Builder routes) {
        return routes.get("/admin", signedIn(r -> leadList()))
                .post("/admin/login", this::login)
                .get("/admin/leads/{leadId}", signedIn(this::leadPage));
    }

    private Endpoint signedIn(Endpoint page) {
        return request -> token.authorizesCookie(request.header("cookie")) || token.authorizes(request.header("authorization"))
                ? page.handle(request) : loginPage(401, "");
    }

    static GatewayReply loginPage(int status, String problem) {
        return GatewayReply.html(status, Html.page("Admin · lem up", """
                <h1>Admin</h1>
                <p class="lead">Paste the <code>adminToken</code> from <code>.lem/local.json</code> (it changes on every
                start of <code>lem up</code>).</p>
                %s<form method="post" action="/admin/login">
                <label>Admin token<input type="password" name="token" id="token" autocomplete="off" required></label>
                <button type="submit">Sign in</button>
                </form>
                """.formatted(problem.isEmpty() ? "" : "<p role=\"alert\"><strong>" + Html.escape(problem) + "</strong></p>")));
    }

    GatewayReply login(GatewayRequest request) {
        Optional<String> presented = formField(new String(request.body(), StandardCharsets.UTF_8), "token");
        if (presented.isEmpty() || !token.matches(presented.get().strip())) {
            return loginPage(401, "That is not this run's admin token.");
        }
        return new GatewayReply(303, Map.of("Location", "/admin", "Cache-Control", "no-store"), new byte[0],
                List.of(token.sessionCookie()));
    }

    static Optional<String> formField(String body, String name) {
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && pair.substring(0, eq).equals(name)) {
                try {
                    return Optional.of(URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                } catch (IllegalArgumentException badEscape) {
                    return Optional.empty();
                }
            }
        }
        return Optional.empty();
    }

    GatewayReply leadList() {
        List<LeadRecords.LeadRow> leads = records.leads();
        StringBuilder body = new StringBuilder("<p><a href=\"/demo\">Demo page</a> · <a href=\"/outbox\">Outbox</a>"
                + " · <a href=\"/admin/reports/dashboard\">Reports</a></p>"
                + "<h1>Leads</h1>");
        if (leads.isEmpty()) {
            body.append("<p class=\"muted\">No lead yet: submit the form on the <a href=\"/demo\">demo page</a>.</p>");
        } else {
            body.append("<p class=\"muted\">").append(leads.size()).append(leads.size() == 1 ? " lead" : " leads")
                    .append(", most recently active first.</p><table id=\"leads\"><thead><tr><th>Email</th><th>Name</th>"
                            + "<th>Company</th><th>State</th><th>Score</th><th>Last activity</th></tr></thead><tbody>");
            for (LeadRecords.LeadRow lead : leads) {
                body.append("<tr><td><a href=\"/admin/leads/").append(Html.escape(lead.id())).append("\">")
                        .append(Html.escape(lead.email().isEmpty() ? "(erased)" : lead.email())).append("</a></td><td>")
                        .append(Html.escape(lead.name())).append("</td><td>").append(Html.escape(lead.company()))
                        .append("</td><td>").append(Html.escape(lead.state())).append("</td><td class=\"score\">")
                        .append(lead.score()).append("</td><td>").append(Html.escape(lead.updatedAt().toString()))
                        .append("</td></tr>");
            }
            body.append("</tbody></table>");
        }
        return GatewayReply.html(200, Html.page("Leads · lem up admin", body.toString()));
    }

    GatewayReply leadPage(GatewayRequest request) {
        String id = request.pathParameter("leadId");
        Optional<LeadRecords.LeadFile> found = LeadId.isValid(id) ? records.lead(new LeadId(id)) : Optional.empty();
        if (found.isEmpty()) {
            return GatewayReply.html(404, Html.page("No such lead · lem up admin",
                    "<h1>No such lead</h1><p><a href=\"/admin\">All leads</a></p>"));
        }
        LeadRecords.LeadFile file = found.get();
        LeadRecords.LeadRow lead = file.lead();
        StringBuilder body = new StringBuilder("<p><a href=\"/admin\">← All leads</a></p><h1>")
                .append(Html.escape(lead.email().isEmpty() ? "(erased lead)" : lead.email())).append("</h1>")
                .append("<dl><dt>Lead id</dt><dd><code>").append(Html.escape(lead.id())).append("</code></dd>")
                .append("<dt>State</dt><dd id=\"state\">").append(Html.escape(lead.state())).append("</dd>")
                .append("<dt>Score</dt><dd id=\"score\">").append(lead.score()).append("</dd>")
                .append("<dt>Created</dt><dd>").append(Html.escape(lead.createdAt().toString())).append("</dd>");
        file.profile().forEach((k, v) -> body.append("<dt>").append(Html.escape(k)).append("</dt><dd>")
                .append(Html.escape(v)).append("</dd>"));
        file.consents().forEach((channel, consent) -> body.append("<dt>Consent: ").append(Html.escape(channel))
                .append("</dt><dd>").append(Html.escape(consent)).append("</dd>"));
        body.append("</dl>");

        body.append("<h2>State history</h2><table id=\"states\"><thead><tr><th>When</th><th>Change</th><th>Why</th></tr></thead><tbody>");
        for (StateHistory.Change change : stateHistory.of(lead.id())) {
            body.append("<tr><td>").append(Html.escape(String.valueOf(change.at()))).append("</td><td>")
                    .append(Html.escape(change.from())).append(" → ").append(Html.escape(change.to()))
                    .append(change.slaBreached() ? " (SLA breached)" : "").append("</td><td>")
                    .append(Html.escape(change.reason())).append("</td></tr>");
        }
        body.append("<tr><td>").append(Html.escape(file.stateEnteredAt().toString())).append("</td><td>")
                .append(Html.escape(lead.state())).append(" (now)</td><td class=\"muted\">entered</td></tr></tbody></table>");

        body.append("<h2>Activity</h2>");
        if (file.activity().isEmpty()) {
            body.append("<p class=\"muted\">No activity yet.</p>");
        } else {
            body.append("<table id=\"activity\"><thead><tr><th>When</th><th>What</th><th>Details</th></tr></thead><tbody>");
            for (LeadRecords.ActivityRow activity : file.activity()) {
                body.append("<tr><td>").append(Html.escape(activity.occurredAt().toString())).append("</td><td><code>")
                        .append(Html.escape(activity.type())).append("</code></td><td>");
                activity.attributes().forEach((k, v) -> body.append(Html.escape(k)).append("=").append(Html.escape(v)).append(" "));
                body.append("</td></tr>");
            }
            body.append("</tbody></table>");
        }

        List<SentEmail> messages = outbox.newestFirst().stream()
                .filter(e -> e.messageId().endsWith("." + lead.id()) || (!lead.email().isEmpty() && e.to().equals(lead.email())))
                .toList();
        body.append("<h2>Messages sent</h2>");
        if (messages.isEmpty()) {
            body.append("<p class=\"muted\">None yet.</p>");
        } else {
            body.append("<table id=\"messages\"><thead><tr><th>Sent</th><th>Template</th><th>Subject</th></tr></thead><tbody>");
            for (SentEmail email : messages) {
                body.append("<tr><td>").append(Html.escape(email.sentAt().toString())).append("</td><td><code>")
                        .append(Html.escape(email.template())).append("</code></td><td><a href=\"/outbox/")
                        .append(email.number()).append("\">").append(Html.escape(email.subject())).append("</a></td></tr>");
            }
            body.append("</tbody></table>");
        }

        body.append("<h2>Journeys</h2>");
        if (file.enrolments().isEmpty()) {
            body.append("<p class=\"muted\">Not enrolled in any campaign.</p>");
        } else {
            body.append("<ul>");
            file.enrolments().forEach((campaign, details) -> body.append("<li><code>").append(Html.escape(campaign))
                    .append("</code> <span class=\"muted\">").append(Html.escape(details)).append("</span></li>"));
            body.append("</ul>");
        }
        List<LocalStepScheduler.PendingSchedule> timers = scheduler.pending().stream()
                .filter(s -> s.name().endsWith(lead.id())).toList();
        if (!timers.isEmpty()) {
            body.append("<p>Pending timers:</p><ul>");
            timers.forEach(t -> body.append("<li><code>").append(Html.escape(t.name())).append("</code> at ")
                    .append(Html.escape(t.at().toString())).append("</li>"));
            body.append("</ul>");
        }
        if (!file.otherRecords().isEmpty()) {
            body.append("<h2>Other records</h2><table><tbody>");
            file.otherRecords().forEach((sk, details) -> body.append("<tr><td><code>").append(Html.escape(sk))
                    .append("</code></td><td>").append(Html.escape(details)).append("</td></tr>"));
            body.append("</tbody></table>");
        }
        return GatewayReply.html(200, Html.page(lead.email() + " · lem up admin", body.toString()));
    }
}
