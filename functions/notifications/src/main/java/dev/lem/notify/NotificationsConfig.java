package dev.lem.notify;

import dev.lem.config.AwsConfig;
import dev.lem.config.ConfigException;
import dev.lem.config.Env;
import dev.lem.config.EnvNames;
import java.net.URI;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.Map;
import java.util.Optional;

/**
 * Notifications' configuration, validated at cold start.
 *
 * @param heldMessages where held messages are scheduled back onto the notify queue
 */
public record NotificationsConfig(AwsConfig aws, String tableName, String busName, String mailFrom,
                                  Optional<String> sesConfigurationSet, byte[] trackingKey, byte[] identityKey,
                                  URI publicBaseUrl, Optional<String> postalAddress, GatePolicy gatePolicy,
                                  HeldMessages heldMessages, Optional<String> smsSenderId, Map<String, URI> webhooks,
                                  Optional<byte[]> webhookSecret) {

    public NotificationsConfig {
        webhooks = Map.copyOf(webhooks);
    }

    /** EventBridge Scheduler group, the notify queue (target), the role Scheduler uses, its DLQ. */
    public record HeldMessages(String scheduleGroup, String notifyQueueArn, String schedulerRoleArn,
                               Optional<String> deadLetterArn) {}

    public static NotificationsConfig fromEnv(Map<String, String> env) {
        Env e = Env.of(env);
        return new NotificationsConfig(AwsConfig.fromEnv(env), e.required(EnvNames.TABLE_NAME),
                e.required(EnvNames.EVENT_BUS_NAME), e.required(EnvNames.MAIL_FROM),
                e.optional(EnvNames.SES_CONFIGURATION_SET), e.requiredKey(EnvNames.TRACKING_KEY),
                e.requiredKey(EnvNames.IDENTITY_KEY),
                e.optionalUri(EnvNames.PUBLIC_BASE_URL).orElseThrow(() -> new ConfigException(
                        EnvNames.PUBLIC_BASE_URL + " is required but not set")),
                e.optional(EnvNames.POSTAL_ADDRESS), gatePolicy(e),
                new HeldMessages(e.required(EnvNames.SCHEDULE_GROUP), e.required(EnvNames.NOTIFY_QUEUE_ARN),
                        e.required(EnvNames.SCHEDULER_ROLE_ARN), e.optional(EnvNames.SCHEDULER_DLQ_ARN)),
                senderId(e), webhooks(e),
                e.optional(EnvNames.WEBHOOK_SECRET).map(v -> e.requiredKey(EnvNames.WEBHOOK_SECRET)));
    }

    private static Optional<String> senderId(Env e) {
        Optional<String> id = e.optional(EnvNames.SMS_SENDER_ID);
        if (id.isPresent() && !id.get().matches("(?=.*[A-Za-z])[A-Za-z0-9]{1,11}")) {
            throw new ConfigException(EnvNames.SMS_SENDER_ID + " must be 1-11 letters and digits, a letter among them");
        }
        return id;
    }

    private static Map<String, URI> webhooks(Env e) {
        Map<String, URI> webhooks;
        try {
            webhooks = WebhookTargets.parse(e.optional(EnvNames.WEBHOOKS).orElse(""));
        } catch (IllegalArgumentException ex) {
            throw new ConfigException(EnvNames.WEBHOOKS + ": " + ex.getMessage());
        }
        // deployed: the signing key's secret exists but the operator has not filled it yet (SecretEnvironment left
        // the key unset): webhooks stay off (a webhook message fails as channel-not-configured), email and SMS run
        if (!webhooks.isEmpty() && e.optional(EnvNames.WEBHOOK_SECRET).isEmpty()
                && e.optional(EnvNames.WEBHOOK_SECRET_ARN).isEmpty()) {
            throw new ConfigException(EnvNames.WEBHOOKS + " needs " + EnvNames.WEBHOOK_SECRET + " (or "
                    + EnvNames.WEBHOOK_SECRET_ARN + ") to sign them");
        }
        return webhooks;
    }

    static GatePolicy gatePolicy(Env e) {
        GatePolicy defaults = GatePolicy.DEFAULT;
        int perDay = positive(e, EnvNames.FREQUENCY_CAP_PER_DAY, defaults.perDay());
        int perWeek = positive(e, EnvNames.FREQUENCY_CAP_PER_WEEK, defaults.perWeek());
        if (perWeek < perDay) {
            throw new ConfigException(EnvNames.FREQUENCY_CAP_PER_WEEK + " must not be below " + EnvNames.FREQUENCY_CAP_PER_DAY);
        }
        QuietHours quiet;
        try {
            quiet = e.optional(EnvNames.QUIET_HOURS).map(QuietHours::parse).orElse(defaults.quietHours());
        } catch (IllegalArgumentException ex) {
            throw new ConfigException(EnvNames.QUIET_HOURS + " must be HH:mm-HH:mm or none");
        }
        ZoneId zone;
        try {
            zone = e.optional(EnvNames.DEFAULT_TIME_ZONE).map(ZoneId::of).orElse(defaults.defaultZone());
        } catch (DateTimeException ex) {
            throw new ConfigException(EnvNames.DEFAULT_TIME_ZONE + " must be an IANA time zone, e.g. Europe/Dublin");
        }
        return new GatePolicy(perDay, perWeek, quiet, zone);
    }

    private static int positive(Env e, String name, int fallback) {
        Optional<String> value = e.optional(name);
        if (value.isEmpty()) {
            return fallback;
        }
        try {
            int parsed = Integer.parseInt(value.get());
            if (parsed < 1 || parsed > 1000) {
                throw new ConfigException(name + " must be 1-1000");
            }
            return parsed;
        } catch (NumberFormatException ex) {
            throw new ConfigException(name + " must be a whole number");
        }
    }
}
