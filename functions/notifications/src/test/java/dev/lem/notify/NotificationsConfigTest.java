package dev.lem.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lem.config.ConfigException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NotificationsConfigTest {

    private static final byte[] KEY = "tracking-key-for-tests-only-32-bytes!!".getBytes(StandardCharsets.UTF_8);
    private static final byte[] IDENTITY = "identity-key-for-tests-only-32-bytes!!".getBytes(StandardCharsets.UTF_8);

    private static Map<String, String> env() {
        Map<String, String> env = new HashMap<>();
        env.put("LEM_TABLE_NAME", "lem");
        env.put("LEM_EVENT_BUS_NAME", "lem");
        env.put("LEM_MAIL_FROM", "hello@lem.example");
        env.put("LEM_TRACKING_KEY", Base64.getEncoder().encodeToString(KEY));
        env.put("LEM_PUBLIC_BASE_URL", "https://t.lem.example");
        env.put("LEM_IDENTITY_KEY", Base64.getEncoder().encodeToString(IDENTITY));
        env.put("LEM_SCHEDULE_GROUP", "lem");
        env.put("LEM_NOTIFY_QUEUE_ARN", "arn:aws:sqs:eu-west-1:123456789012:lem-notify");
        env.put("LEM_SCHEDULER_ROLE_ARN", "arn:aws:iam::123456789012:role/lem-scheduler");
        return env;
    }

    @Test
    void fromEnv_whenEverythingSet_readsEveryValue() {
        Map<String, String> env = env();
        env.put("LEM_SES_CONFIGURATION_SET", "lem-events");

        NotificationsConfig config = NotificationsConfig.fromEnv(env);

        assertThat(config.tableName()).isEqualTo("lem");
        assertThat(config.busName()).isEqualTo("lem");
        assertThat(config.mailFrom()).isEqualTo("hello@lem.example");
        assertThat(config.sesConfigurationSet()).contains("lem-events");
        assertThat(config.trackingKey()).isEqualTo(KEY);
        assertThat(config.publicBaseUrl()).isEqualTo(URI.create("https://t.lem.example"));
        assertThat(config.identityKey()).isEqualTo(IDENTITY);
        assertThat(config.heldMessages()).isEqualTo(new NotificationsConfig.HeldMessages("lem",
                "arn:aws:sqs:eu-west-1:123456789012:lem-notify", "arn:aws:iam::123456789012:role/lem-scheduler",
                java.util.Optional.empty()));
        assertThat(config.postalAddress()).isEmpty();
        assertThat(config.gatePolicy()).isEqualTo(GatePolicy.DEFAULT);
    }

    @Test
    void fromEnv_whenWebhooksAndSenderIdSet_readsThem() {
        Map<String, String> env = env();
        env.put("LEM_SMS_SENDER_ID", "LEM");
        env.put("LEM_WEBHOOKS", "crm=https://crm.example.com/hooks/lem");
        env.put("LEM_WEBHOOK_SECRET", Base64.getEncoder().encodeToString(IDENTITY));

        NotificationsConfig config = NotificationsConfig.fromEnv(env);

        assertThat(config.smsSenderId()).contains("LEM");
        assertThat(config.webhooks()).containsExactly(Map.entry("crm", URI.create("https://crm.example.com/hooks/lem")));
        assertThat(config.webhookSecret()).hasValueSatisfying(s -> assertThat(s).isEqualTo(IDENTITY));
    }

    @Test
    void fromEnv_whenWebhookSecretArnGivenButNotYetFilled_keepsTheTargetsWithoutAKey() {
        // deployed with lem:webhooks before the operator filled the signing key: SecretEnvironment leaves the key
        // unset; the function still starts (email and SMS run), webhooks stay off until the key is there
        Map<String, String> env = env();
        env.put("LEM_WEBHOOKS", "crm=https://crm.example.com/hooks/lem");
        env.put("LEM_WEBHOOK_SECRET_ARN", "arn:aws:secretsmanager:eu-west-1:123456789012:secret:lem-webhooks-AbCdEf");

        NotificationsConfig config = NotificationsConfig.fromEnv(env);

        assertThat(config.webhooks()).containsOnlyKeys("crm");
        assertThat(config.webhookSecret()).isEmpty();
    }

    @ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', textBlock = """
            LEM_SMS_SENDER_ID | 12345                            | LEM_SMS_SENDER_ID must be 1-11 letters and digits, a letter among them
            LEM_WEBHOOKS      | crm=https://crm.example.com/hook | LEM_WEBHOOKS needs LEM_WEBHOOK_SECRET (or LEM_WEBHOOK_SECRET_ARN) to sign them
            LEM_WEBHOOKS      | crm=http://crm.example.com/hook  | LEM_WEBHOOKS: webhook crm must be an https URL without user info
            """)
    void fromEnv_whenChannelSettingInvalid_throwsNamingIt(String name, String value, String message) {
        Map<String, String> env = env();
        env.put(name, value);

        assertThatThrownBy(() -> NotificationsConfig.fromEnv(env)).isInstanceOf(ConfigException.class).hasMessage(message);
    }

    @Test
    void fromEnv_whenGateSettingsSet_readsThem() {
        Map<String, String> env = env();
        env.put("LEM_FREQUENCY_CAP_PER_DAY", "3");
        env.put("LEM_FREQUENCY_CAP_PER_WEEK", "10");
        env.put("LEM_QUIET_HOURS", "22:30-07:15");
        env.put("LEM_DEFAULT_TIME_ZONE", "Europe/Dublin");
        env.put("LEM_POSTAL_ADDRESS", "LEM Example Ltd, Dublin");

        NotificationsConfig config = NotificationsConfig.fromEnv(env);

        assertThat(config.gatePolicy()).isEqualTo(new GatePolicy(3, 10, QuietHours.parse("22:30-07:15"),
                java.time.ZoneId.of("Europe/Dublin")));
        assertThat(config.postalAddress()).contains("LEM Example Ltd, Dublin");
    }

    @ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', textBlock = """
            LEM_FREQUENCY_CAP_PER_DAY  | 0           | LEM_FREQUENCY_CAP_PER_DAY must be 1-1000
            LEM_FREQUENCY_CAP_PER_DAY  | two         | LEM_FREQUENCY_CAP_PER_DAY must be a whole number
            LEM_FREQUENCY_CAP_PER_WEEK | 1           | LEM_FREQUENCY_CAP_PER_WEEK must not be below LEM_FREQUENCY_CAP_PER_DAY
            LEM_QUIET_HOURS            | 9pm-8am     | LEM_QUIET_HOURS must be HH:mm-HH:mm or none
            LEM_DEFAULT_TIME_ZONE      | Mars/Olympus | LEM_DEFAULT_TIME_ZONE must be an IANA time zone, e.g. Europe/Dublin
            """)
    void fromEnv_whenGateSettingInvalid_throwsNamingIt(String name, String value, String message) {
        Map<String, String> env = env();
        env.put(name, value);

        assertThatThrownBy(() -> NotificationsConfig.fromEnv(env)).isInstanceOf(ConfigException.class).hasMessage(message);
    }

    @Test
    void fromEnv_whenNoConfigurationSet_leavesItEmpty() {
        assertThat(NotificationsConfig.fromEnv(env()).sesConfigurationSet()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"LEM_TABLE_NAME", "LEM_EVENT_BUS_NAME", "LEM_MAIL_FROM", "LEM_TRACKING_KEY", "LEM_PUBLIC_BASE_URL",
            "LEM_IDENTITY_KEY", "LEM_SCHEDULE_GROUP", "LEM_NOTIFY_QUEUE_ARN", "LEM_SCHEDULER_ROLE_ARN"})
    void fromEnv_whenRequiredVariableMissing_throwsNamingIt(String name) {
        Map<String, String> env = env();
        env.remove(name);

        assertThatThrownBy(() -> NotificationsConfig.fromEnv(env))
                .isInstanceOf(ConfigException.class).hasMessage(name + " is required but not set");
    }

    @ParameterizedTest
    @ValueSource(strings = {"t.lem.example", "/t", "https://"})
    void fromEnv_whenPublicBaseUrlNotAbsolute_throwsNamingIt(String url) {
        Map<String, String> env = env();
        env.put("LEM_PUBLIC_BASE_URL", url);

        assertThatThrownBy(() -> NotificationsConfig.fromEnv(env))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("LEM_PUBLIC_BASE_URL ");
    }

    @Test
    void fromEnv_whenTrackingKeyShort_rejectsItWithoutEchoingIt() {
        Map<String, String> env = env();
        String shortKey = Base64.getEncoder().encodeToString(new byte[24]);
        env.put("LEM_TRACKING_KEY", shortKey);

        assertThatThrownBy(() -> NotificationsConfig.fromEnv(env))
                .isInstanceOf(ConfigException.class)
                .hasMessage("LEM_TRACKING_KEY must decode to at least 32 bytes, got 24")
                .hasMessageNotContaining(shortKey);
    }
}
