package dev.lem.tracking;

import dev.lem.config.AwsConfig;
import dev.lem.config.ConfigException;
import dev.lem.config.Env;
import dev.lem.config.EnvNames;
import java.net.URI;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Tracking's configuration, validated at cold start. {@code allowedOrigins} are the web origins whose
 * pages may send {@code lem.js} beacons (CORS); none by default, so beacons are refused until set.
 * {@code eventBusName} is where survey answers are published ({@code lead.activity}).
 */
public record TrackingConfig(AwsConfig aws, String activityQueueUrl, byte[] trackingKey, Set<String> allowedOrigins,
                             String eventBusName) {

    public TrackingConfig {
        allowedOrigins = Set.copyOf(allowedOrigins);
    }

    public static TrackingConfig fromEnv(Map<String, String> env) {
        Env e = Env.of(env);
        return new TrackingConfig(AwsConfig.fromEnv(env), e.required(EnvNames.ACTIVITY_QUEUE_URL),
                e.requiredKey(EnvNames.TRACKING_KEY), origins(e.optional(EnvNames.TRACKING_ALLOWED_ORIGINS, "")),
                e.required(EnvNames.EVENT_BUS_NAME));
    }

    /** A comma list of origins, each {@code scheme://host[:port]} with no path. */
    static Set<String> origins(String list) {
        Set<String> origins = new LinkedHashSet<>();
        for (String item : list.split(",")) {
            String origin = item.strip();
            if (origin.isEmpty()) {
                continue;
            }
            if (!isOrigin(origin)) {
                throw new ConfigException(EnvNames.TRACKING_ALLOWED_ORIGINS
                        + " must be a comma list of origins like https://www.example.com, got an entry that is not");
            }
            origins.add(origin);
        }
        return origins;
    }

    private static boolean isOrigin(String origin) {
        try {
            URI uri = new URI(origin);
            return ("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) && uri.getHost() != null
                    && (uri.getRawPath() == null || uri.getRawPath().isEmpty()) && uri.getRawQuery() == null
                    && uri.getRawFragment() == null && uri.getRawUserInfo() == null;
        } catch (java.net.URISyntaxException e) {
            return false;
        }
    }
}
