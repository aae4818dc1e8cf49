package dev.lem.infra;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import software.constructs.Node;

/**
 * What varies between deployments of the stack, read from CDK context ({@code -c key=value} or
 * {@code infra/cdk.json}). Every key is optional.
 *
 * @param assetRoot      folder that holds {@code functions/<id>/target/lem-<id>.jar}
 *                       ({@link dev.lem.config.FunctionName#jarPath()}); context {@value #ASSET_ROOT}
 * @param prefix         prepended to the names LEM fixes itself (bus, schedule group); context {@value #PREFIX}
 * @param mailFrom       sender address for email; context {@value #MAIL_FROM}
 * @param publicBaseUrl  base URL of tracked links in messages; the API's URL unless context {@value #PUBLIC_BASE_URL}
 * @param allowedOrigins CORS origins allowed to post forms; context {@value #ALLOWED_ORIGINS} (comma separated)
 */
public record LemStackConfig(Path assetRoot, String prefix, String mailFrom, Optional<String> publicBaseUrl,
                             List<String> allowedOrigins) {

    public static final String ASSET_ROOT = "lem:assetRoot";
    public static final String PREFIX = "lem:prefix";
    public static final String MAIL_FROM = "lem:mailFrom";
    public static final String PUBLIC_BASE_URL = "lem:publicBaseUrl";
    public static final String ALLOWED_ORIGINS = "lem:allowedOrigins";

    public static final String DEFAULT_MAIL_FROM = "no-reply@example.com";

    public LemStackConfig {
        Objects.requireNonNull(assetRoot, "assetRoot");
        assetRoot = assetRoot.toAbsolutePath().normalize();
        prefix = prefix == null ? "" : prefix;
        if (!prefix.matches("([A-Za-z][A-Za-z0-9-]*)?")) {
            throw new IllegalArgumentException(PREFIX + " must start with a letter and hold only letters, digits and '-', got '" + prefix + "'");
        }
        if (mailFrom == null || !mailFrom.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) {
            throw new IllegalArgumentException(MAIL_FROM + " must be an email address, got '" + mailFrom + "'");
        }
        publicBaseUrl = Objects.requireNonNullElse(publicBaseUrl, Optional.empty());
        allowedOrigins = allowedOrigins == null || allowedOrigins.isEmpty() ? List.of("*") : List.copyOf(allowedOrigins);
    }

    /** Defaults for everything but the asset root. */
    public static LemStackConfig withAssetRoot(Path assetRoot) {
        return new LemStackConfig(assetRoot, "", DEFAULT_MAIL_FROM, Optional.empty(), List.of("*"));
    }

    /**
     * Reads the context of {@code node}. Without {@value #ASSET_ROOT}, the asset root is the repository
     * root: the nearest folder, from the working directory up, holding both {@code pom.xml} and
     * {@code infra/pom.xml}. So the app finds the jars whether the CDK CLI runs in {@code infra/} (where
     * {@code cdk.json} is) or in the repository root.
     */
    public static LemStackConfig fromContext(Node node) {
        Path assetRoot = context(node, ASSET_ROOT).map(Path::of)
                .orElseGet(() -> repositoryRoot(Path.of("").toAbsolutePath()));
        List<String> origins = context(node, ALLOWED_ORIGINS)
                .map(v -> Arrays.stream(v.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList())
                .orElse(List.of("*"));
        return new LemStackConfig(assetRoot,
                context(node, PREFIX).orElse(""),
                context(node, MAIL_FROM).orElse(DEFAULT_MAIL_FROM),
                context(node, PUBLIC_BASE_URL),
                origins);
    }

    /** The bus, the schedule group and other names LEM fixes: {@code prefix + base}. */
    public String name(String base) {
        return prefix + base;
    }

    public String mailFromDomain() {
        return mailFrom.substring(mailFrom.indexOf('@') + 1);
    }

    static Path repositoryRoot(Path start) {
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("pom.xml")) && Files.isRegularFile(dir.resolve("infra/pom.xml"))) {
                return dir;
            }
        }
        throw new IllegalStateException("Cannot find the LEM repository root above " + start
                + "; run the CDK CLI inside the repository or pass -c " + ASSET_ROOT + "=<folder>");
    }

    private static Optional<String> context(Node node, String key) {
        Object value = node.tryGetContext(key);
        return value == null || value.toString().isBlank() ? Optional.empty() : Optional.of(value.toString().strip());
    }
}
