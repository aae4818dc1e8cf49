package dev.lem.local.cost;

import dev.lem.api.CostReports;
import dev.lem.cost.CostModel;
import dev.lem.cost.PriceTable;
import dev.lem.lambda.InvocationMetering;
import dev.lem.local.LocalState;
import dev.lem.local.bus.LocalEventBus;

/**
 * Cost on {@code lem up}: every handler invocation's EMF line goes to the {@link UsageLedger} (instead of stdout, where
 * Lambda would ship it to CloudWatch), the bus feeds {@link LocalLeadCounts}, and {@code GET /reports/cost} reads
 * both with the built-in price table. Closing sends EMF lines back to stdout.
 */
public final class LocalCost implements AutoCloseable {

    private final UsageLedger ledger;
    private final LocalLeadCounts counts;
    private final CostReports reports;

    private LocalCost(UsageLedger ledger, LocalLeadCounts counts) {
        this.ledger = ledger;
        this.counts = counts;
        this.reports = new CostReports(ledger, counts, new CostModel(PriceTable.builtIn()));
    }

    public static LocalCost open(LocalState state, LocalEventBus bus) {
        LocalCost cost = new LocalCost(UsageLedger.open(state.usage()), LocalLeadCounts.open(state.leadCounts()));
        bus.observe(cost.counts::record);
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
