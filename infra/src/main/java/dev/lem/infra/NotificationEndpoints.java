package dev.lem.infra;

import dev.lem.config.EnvNames;
import dev.lem.config.FunctionName;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Aws;
import software.amazon.awscdk.aws_apigatewayv2_integrations.HttpLambdaIntegration;
import software.amazon.awscdk.services.apigatewayv2.HttpMethod;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.lambda.Alias;
import software.amazon.awscdk.services.lambda.Function;
import software.constructs.Construct;

/**
 * The compliance endpoints, two more handlers of the notifications jar, each with its own function and role:
 * <ul>
 *   <li>{@code GET|POST /u/{token}} (public, signed link): preference page and RFC 8058 one-click unsubscribe.
 *       May read and write table items and read the tracking (link signature) and identity keys.</li>
 *   <li>{@code DELETE /leads/{id}} (IAM-authorised): erasure. May read and write table items, read the identity
 *       key and delete schedules of the timers group.</li>
 * </ul>
 */
public final class NotificationEndpoints extends Construct {

    /** The construct id in the stack. */
    public static final String ID = "NotificationEndpoints";
    public static final String PREFERENCES_HANDLER = "dev.lem.notify.lambda.PreferencesHandler::handleRequest";
    public static final String ERASURE_HANDLER = "dev.lem.notify.lambda.ErasureHandler::handleRequest";

    private final Function preferences;
    private final Function erasure;

    public NotificationEndpoints(Construct scope, String id, LemFunctions.Resources r, HttpEndpoints http,
                                 String publicBaseUrl) {
        super(scope, id);
        Path jar = r.assetRoot().resolve(FunctionName.NOTIFICATIONS.jarPath());
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("Function jar not found: " + jar + " (build it with ./mvnw -B package)");
        }
        String table = r.table().table().getTableName();

        Map<String, String> prefsEnv = new LinkedHashMap<>();
        prefsEnv.put(EnvNames.REGION, Aws.REGION);
        prefsEnv.put(EnvNames.TABLE_NAME, table);
        prefsEnv.put(HmacKeys.Purpose.TRACKING.envName(), r.keys().secret(HmacKeys.Purpose.TRACKING).getSecretArn());
        prefsEnv.put(HmacKeys.Purpose.IDENTITY.envName(), r.keys().secret(HmacKeys.Purpose.IDENTITY).getSecretArn());
        prefsEnv.put(EnvNames.PUBLIC_BASE_URL, publicBaseUrl);
        prefsEnv.put(EnvNames.EVENT_BUS_NAME, r.bus().getEventBusName()); // unsubscribes end journeys (router)
        Role prefsRole = role("Preferences");
        this.preferences = function("Preferences", "LEM preferences and unsubscribe (/u/{token})", PREFERENCES_HANDLER,
                512, 10, prefsEnv, prefsRole, jar, r);
        r.table().grantItemReadWrite(prefsRole);
        r.keys().grantRead(HmacKeys.Purpose.TRACKING, prefsRole);
        r.keys().grantRead(HmacKeys.Purpose.IDENTITY, prefsRole);
        r.bus().grantPutEventsTo(prefsRole);

        Map<String, String> eraseEnv = new LinkedHashMap<>();
        eraseEnv.put(EnvNames.REGION, Aws.REGION);
        eraseEnv.put(EnvNames.TABLE_NAME, table);
        eraseEnv.put(HmacKeys.Purpose.IDENTITY.envName(), r.keys().secret(HmacKeys.Purpose.IDENTITY).getSecretArn());
        eraseEnv.put(EnvNames.SCHEDULE_GROUP, r.scheduling().groupName());
        Role eraseRole = role("Erasure");
        this.erasure = function("Erasure", "LEM erasure (DELETE /leads/{id})", ERASURE_HANDLER, 1024, 30, eraseEnv,
                eraseRole, jar, r);
        r.table().grantItemReadWrite(eraseRole);
        r.keys().grantRead(HmacKeys.Purpose.IDENTITY, eraseRole);
        eraseRole.addToPrincipalPolicy(PolicyStatement.Builder.create()
                .actions(List.of("scheduler:DeleteSchedule"))
                .resources(List.of(r.scheduling().schedulesArn()))
                .build());

        HttpLambdaIntegration prefs = new HttpLambdaIntegration("Preferences", alias("Preferences", preferences));
        http.publicRoute("/u/{token}", HttpMethod.GET, prefs);
        http.publicRoute("/u/{token}", HttpMethod.POST, prefs);
        http.adminRoute("/leads/{id}", HttpMethod.DELETE, new HttpLambdaIntegration("Erasure", alias("Erasure", erasure)));
    }

    private Role role(String name) {
        return ExtraFunctions.role(this, name);
    }

    private Function function(String name, String description, String handler, int memoryMb, int timeoutSeconds,
                              Map<String, String> env, Role role, Path jar, LemFunctions.Resources r) {
        return ExtraFunctions.function(this, name, description, handler, memoryMb, timeoutSeconds, env, role, jar,
                r.config().logRetentionDays());
    }

    private Alias alias(String name, Function function) {
        return ExtraFunctions.alias(this, name, function);
    }

    public Function preferences() {
        return preferences;
    }

    public Function erasure() {
        return erasure;
    }
}
