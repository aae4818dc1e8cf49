package dev.lem.infra;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import software.amazon.awscdk.Annotations;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.lambda.Alias;
import software.amazon.awscdk.services.lambda.Architecture;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.lambda.Runtime;
import software.amazon.awscdk.services.lambda.SnapStartConf;
import software.amazon.awscdk.services.lambda.Tracing;
import software.amazon.awscdk.services.logs.CfnLogGroup;
import software.amazon.awscdk.services.logs.LogGroup;
import software.constructs.Construct;

/**
 * Functions beyond the six of {@link LemFunctions} (more handlers of one function's jar), built the same way: Java 25
 * on arm64, SnapStart on published versions, active tracing, their own role and log group, invoked through the
 * {@value LemFunctions#ALIAS} alias.
 */
final class ExtraFunctions {

    private ExtraFunctions() {}

    static Role role(Construct scope, String name) {
        return Role.Builder.create(scope, name + "Role")
                .description("LEM " + name.toLowerCase(Locale.ROOT) + " function")
                .assumedBy(new ServicePrincipal("lambda.amazonaws.com"))
                .build();
    }

    static Function function(Construct scope, String name, String description, String handler, int memoryMb,
                             int timeoutSeconds, Map<String, String> env, Role role, Path jar, int logRetentionDays) {
        LogGroup logs = LogGroup.Builder.create(scope, name + "Logs").build();
        ((CfnLogGroup) logs.getNode().getDefaultChild()).setRetentionInDays(logRetentionDays);
        logs.grantWrite(role);
        Function function = Function.Builder.create(scope, name)
                .description(description)
                .runtime(Runtime.JAVA_25)
                .architecture(Architecture.ARM_64)
                .handler(handler)
                .code(Code.fromAsset(jar.toString()))
                .memorySize(memoryMb)
                .timeout(Duration.seconds(timeoutSeconds))
                .tracing(Tracing.ACTIVE)
                .snapStart(SnapStartConf.ON_PUBLISHED_VERSIONS)
                .role(role)
                .logGroup(logs)
                .environment(env)
                .build();
        Annotations.of(function).acknowledgeWarning("@aws-cdk/aws-lambda:snapStartRequirePublish",
                "Invoked only through the '" + LemFunctions.ALIAS + "' alias of its current (published) version");
        return function;
    }

    static Alias alias(Construct scope, String name, Function function) {
        return Alias.Builder.create(scope, name + "Alias").aliasName(LemFunctions.ALIAS).version(function.getCurrentVersion())
                .build();
    }
}
