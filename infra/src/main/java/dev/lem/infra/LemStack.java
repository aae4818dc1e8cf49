package dev.lem.infra;

import dev.lem.config.EnvNames;
import dev.lem.config.FunctionName;
import dev.lem.events.EventSource;
import dev.lem.events.RuleDefinition;
import dev.lem.queue.QueueDefinition;
import dev.lem.store.TableDefinition;
import java.util.Map;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.events.EventBus;
import software.constructs.Construct;

/**
 * LEM in one stack (DESIGN §1): the lead table, the work queues, the event bus and its rules, drip
 * scheduling, the six functions and the public HTTP API. Everything is built from the definitions in
 * {@code shared}, so local engines, tests and AWS agree.
 */
public final class LemStack extends Stack {

    private final LeadTable table;
    private final WorkQueues queues;
    private final EventBus bus;
    private final HmacKeys keys;
    private final DripScheduling scheduling;
    private final MessageChannels channels;
    private final LemFunctions functions;
    private final EventRouting routing;
    private final HttpEndpoints http;

    public LemStack(Construct scope, String id, StackProps props, LemStackConfig config) {
        super(scope, id, props);
        this.table = new LeadTable(this, "LeadTable", TableDefinition.LEM);
        this.queues = new WorkQueues(this, "WorkQueues", QueueDefinition.ALL);
        this.bus = EventBus.Builder.create(this, "Bus").eventBusName(config.name(EventSource.BUS_NAME)).build();
        this.keys = new HmacKeys(this, "HmacKeys");
        this.scheduling = new DripScheduling(this, "DripScheduling", config.name("lem-timers"));
        this.channels = new MessageChannels(this, "MessageChannels", config.mailFrom());
        this.functions = new LemFunctions(this, "Functions", new LemFunctions.Resources(config.assetRoot(),
                table, queues, bus, keys, scheduling, channels, config.mailFrom()));
        this.routing = new EventRouting(this, "EventRouting", bus, RuleDefinition.ALL,
                Map.of(RuleDefinition.RuleTarget.ROUTER, functions.alias(FunctionName.ROUTER)));
        this.http = new HttpEndpoints(this, "HttpEndpoints", functions.alias(FunctionName.FORM_CAPTURE),
                functions.alias(FunctionName.TRACKING), config.allowedOrigins());
        functions.addEnvironment(FunctionName.NOTIFICATIONS, EnvNames.PUBLIC_BASE_URL,
                config.publicBaseUrl().orElse(http.url()));
        NagFindings.suppressJustified(this);

        CfnOutput.Builder.create(this, "ApiUrl").value(http.url())
                .description("Base URL of the public endpoints (forms, tracking)").build();
        CfnOutput.Builder.create(this, "TableName").value(table.table().getTableName())
                .description("The LEM DynamoDB table").build();
        CfnOutput.Builder.create(this, "BusName").value(bus.getEventBusName())
                .description("The LEM event bus: put campaign.trigger events here").build();
    }

    public LeadTable table() {
        return table;
    }

    public WorkQueues queues() {
        return queues;
    }

    public EventBus bus() {
        return bus;
    }

    public HmacKeys keys() {
        return keys;
    }

    public DripScheduling scheduling() {
        return scheduling;
    }

    public MessageChannels channels() {
        return channels;
    }

    public LemFunctions functions() {
        return functions;
    }

    public EventRouting routing() {
        return routing;
    }

    public HttpEndpoints http() {
        return http;
    }
}
