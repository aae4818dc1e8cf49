package dev.lem.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lem.cost.CostModel;
import dev.lem.cost.LeadCounts;
import dev.lem.cost.Usage;
import dev.lem.cost.UsageSource;
import dev.lem.json.Json;
import dev.lem.report.ReportFilter;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * {@code GET /reports/cost?from=YYYY-MM-DD&to=YYYY-MM-DD[&campaign=ID]} (the days parsed as every report's, by
 * {@link ReportParameters}): what the AWS requests and Lambda time recorded
 * between the two UTC days (both included) cost at the price table's prices, per lead and per MQL, in all and per
 * campaign. With {@code campaign}, every figure is that campaign's. perLead/perMql are null when there were no
 * leads/MQLs. Malformed parameters are a 400 naming the problem.
 */
public final class CostReports implements ReportEndpoint {

    public static final String PATH = "/reports/cost";
    private static final Set<String> PARAMETERS = Set.of("from", "to", "campaign");
    private static final Pattern CAMPAIGN = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final int USD_SCALE = 10;

    private final UsageSource usage;
    private final LeadCounts counts;
    private final CostModel model;
    private final Clock clock;

    public CostReports(UsageSource usage, LeadCounts counts, CostModel model, Clock clock) {
        this.clock = clock;
        this.usage = usage;
        this.counts = counts;
        this.model = model;
    }

    /** As routed by {@link ReportApi}, which has checked the method already. */
    @Override
    public ApiResponse handle(Map<String, String> query) {
        return handle(new ApiRequest("GET", PATH, query));
    }

    public ApiResponse handle(ApiRequest request) {
        if (!request.method().equals("GET")) {
            return ApiResponse.error(405, "only GET is allowed here");
        }
        ReportFilter filter;
        try {
            filter = ReportParameters.parse(request.query(), PARAMETERS, clock);
        } catch (ReportParameters.InvalidParameterException e) {
            return ApiResponse.error(400, e.getMessage());
        }
        // campaign becomes a CloudWatch dimension value in a SEARCH expression: only plain ids
        if (filter.campaign().isPresent() && !CAMPAIGN.matcher(filter.campaign().get()).matches()) {
            return ApiResponse.error(400, "campaign must be a campaign id: letters, digits, '.', '_' or '-', at most 64");
        }
        return ApiResponse.ok(report(filter.from(), filter.to(), filter.campaign()));
    }

    private ObjectNode report(LocalDate from, LocalDate to, Optional<String> campaign) {
        LeadCounts counts = this.counts.forOneReport();
        Map<String, Usage> perCampaign = new TreeMap<>(usage.byCampaign(from, to));
        Usage total = campaign.map(c -> perCampaign.getOrDefault(c, Usage.NONE)).orElseGet(() -> usage.total(from, to));
        BigDecimal totalUsd = model.usd(total);

        ObjectNode body = Json.mapper().createObjectNode();
        body.put("from", from.toString());
        body.put("to", to.toString());
        body.put("currency", model.prices().currency());
        body.put("pricesAsOf", model.prices().asOf().toString());
        ObjectNode totals = body.putObject("total");
        totals.put("usd", usd(totalUsd));
        ObjectNode requests = totals.putObject("requests");
        total.requestsByService().forEach(requests::put);
        totals.put("billedMs", total.billedMs());
        figures(body, totalUsd, counts.leads(from, to, campaign), counts.mqls(from, to, campaign));
        ArrayNode campaigns = body.putArray("campaigns");
        for (String name : campaign.map(List::of).orElseGet(() -> List.copyOf(perCampaign.keySet()))) {
            BigDecimal usd = model.usd(perCampaign.getOrDefault(name, Usage.NONE));
            ObjectNode row = campaigns.addObject();
            row.put("campaign", name);
            row.put("usd", usd(usd));
            figures(row, usd, counts.leads(from, to, Optional.of(name)), counts.mqls(from, to, Optional.of(name)));
        }
        return body;
    }

    /** leads, mqls, perLead, perMql (null when the divisor is 0). */
    private static void figures(ObjectNode node, BigDecimal usd, long leads, long mqls) {
        node.put("leads", leads);
        node.put("mqls", mqls);
        node.put("perLead", per(usd, leads));
        node.put("perMql", per(usd, mqls));
    }

    private static double usd(BigDecimal amount) {
        return amount.setScale(USD_SCALE, RoundingMode.HALF_UP).doubleValue();
    }

    private static Double per(BigDecimal amount, long count) {
        return count == 0 ? null : usd(amount.divide(BigDecimal.valueOf(count), USD_SCALE, RoundingMode.HALF_UP));
    }
}
