package dev.lem.local.cost;

import dev.lem.api.CostReports;
import dev.lem.cost.CostModel;
import dev.lem.cost.LeadCounts;
import dev.lem.cost.PriceTable;
import dev.lem.lambda.InvocationMetering;
import dev.lem.local.LocalState;

/**
 * Cost on {@code lem up}: every handler invocation's EMF line goes to the {@link UsageLedger} (instead of stdout, where
 * Lambda would ship it to CloudWatch), and {@code GET /reports/cost} prices it with the built-in price table, per lead
 * and MQL of the funnel counters (as in AWS). Closing sends EMF lines back to stdout.
 */
public final class LocalCost implements AutoCloseable {

    private final UsageLedger ledger;
    private final CostReports reports;

    private LocalCost(UsageLedger ledger, LeadCounts counts) {
        this.ledger = ledger;
        this.reports = new CostReports(ledger, counts, new CostModel(PriceTable.builtIn()), java.time.Clock.systemUTC());
    }

    public static LocalCost open(LocalState state, LeadCounts counts) {
        LocalCost cost = new LocalCost(UsageLedger.open(state.usage()), counts);
        InvocationMetering.sendTo(cost.ledger);
        return cost;
    }

    public UsageLedger ledger() {
        return ledger;
    }

    public CostReports reports() {
        return reports;
    }

    @Override
    public void close() {
        InvocationMetering.sendTo(null);
    }
}
