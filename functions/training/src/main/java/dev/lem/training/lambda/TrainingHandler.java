package dev.lem.training.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import dev.lem.lambda.MeteredStreamHandler;
import dev.lem.aws.AwsClients;
import dev.lem.blob.aws.S3BlobStore;
import dev.lem.blob.aws.S3Clients;
import dev.lem.config.Env;
import dev.lem.json.Json;
import dev.lem.predict.BlobModelRegistry;
import dev.lem.store.DynamoDbTrainingRows;
import dev.lem.training.rows.TrainingConfig;
import dev.lem.training.rows.WeeklyTraining;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;

/**
 * The weekly schedule's target: one {@link WeeklyTraining} run as of now (the scheduled event's content is not
 * needed). Answers the run's {@link WeeklyTraining.Result} as JSON; a skipped run (too few rows, one class) is a
 * normal answer, not a failure. Registry or table failures throw, so the schedule's retry policy runs it again.
 */
public final class TrainingHandler extends MeteredStreamHandler {

    private final WeeklyTraining training;
    private final Clock clock;

    public TrainingHandler() {
        this(wire(TrainingConfig.fromEnv(Env.system())));
    }

    public TrainingHandler(WeeklyTraining training) {
        this(training, Clock.systemUTC());
    }

    private TrainingHandler(WeeklyTraining training, Clock clock) {
        this.training = training;
        this.clock = clock;
    }

    /** A handler whose runs happen at {@code clock}'s time (tests, {@code lem up}). */
    public static TrainingHandler at(WeeklyTraining training, Clock clock) {
        return new TrainingHandler(training, clock);
    }

    public static WeeklyTraining wire(TrainingConfig config) {
        Clock clock = Clock.systemUTC();
        return new WeeklyTraining(new DynamoDbTrainingRows(AwsClients.dynamoDb(config.aws()), config.tableName()),
                new BlobModelRegistry(new S3BlobStore(S3Clients.create(config.aws()), config.modelBucket()), clock),
                config.weeks(), config.hashBuckets(), config.selectColumns());
    }

    @Override
    protected void handle(InputStream input, OutputStream output, Context context) throws IOException {
        input.readNBytes(64 * 1024); // the scheduled event: only its arrival matters
        WeeklyTraining.Result result = training.run(clock.instant());
        output.write(Json.write(result).getBytes(StandardCharsets.UTF_8));
    }
}
