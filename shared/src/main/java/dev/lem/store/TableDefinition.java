package dev.lem.store;

import java.util.List;

/**
 * The shape of LEM's single DynamoDB table, free of AWS types. Infra (CDK), the test engines and
 * {@code lem up} all build the table from {@link #LEM}, so there is one definition, not copies.
 *
 * <p>Key design (DESIGN §3): {@code pk}/{@code sk} strings; {@code gsi1} orders leads in a state by
 * the time they entered it; {@code ttl} expires idempotency records, rate counters and timers.
 */
public record TableDefinition(String partitionKey, String sortKey, List<Index> indexes, String ttlAttribute) {

    /** A global secondary index projecting all attributes; keys are strings. */
    public record Index(String name, String partitionKey, String sortKey) {}

    public static final String PK = "pk";
    public static final String SK = "sk";
    public static final String GSI1 = "gsi1";
    public static final String GSI1_PK = "gsi1pk";
    public static final String GSI1_SK = "gsi1sk";
    public static final String TTL = "ttl";

    public static final TableDefinition LEM =
            new TableDefinition(PK, SK, List.of(new Index(GSI1, GSI1_PK, GSI1_SK)), TTL);

    public TableDefinition {
        indexes = List.copyOf(indexes);
    }
}
