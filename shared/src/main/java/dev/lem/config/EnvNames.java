package dev.lem.config;

/** Every environment variable LEM reads. README's configuration table lists the same names. */
public final class EnvNames {
    public static final String REGION = "LEM_REGION";
    public static final String AWS_ENDPOINT = "LEM_AWS_ENDPOINT";
    public static final String TABLE_NAME = "LEM_TABLE_NAME";
    public static final String EVENT_BUS_NAME = "LEM_EVENT_BUS_NAME";
    public static final String ACTIVITY_QUEUE_URL = "LEM_ACTIVITY_QUEUE_URL";
    public static final String NOTIFY_QUEUE_URL = "LEM_NOTIFY_QUEUE_URL";
    /** Router: the queue campaign-trigger audiences fan out through (the router consumes it too). */
    public static final String AUDIENCE_QUEUE_URL = "LEM_AUDIENCE_QUEUE_URL";
    public static final String IDENTITY_KEY = "LEM_IDENTITY_KEY";
    public static final String TRACKING_KEY = "LEM_TRACKING_KEY";
    /** Comma list of web origins whose pages may send lem.js beacons to tracking (CORS). */
    public static final String TRACKING_ALLOWED_ORIGINS = "LEM_TRACKING_ALLOWED_ORIGINS";
    /** Where a deployed function reads {@link #IDENTITY_KEY} from, when the key itself is not set. */
    public static final String IDENTITY_KEY_SECRET_ARN = "LEM_IDENTITY_KEY_SECRET_ARN";
    /** Where a deployed function reads {@link #TRACKING_KEY} from, when the key itself is not set. */
    public static final String TRACKING_KEY_SECRET_ARN = "LEM_TRACKING_KEY_SECRET_ARN";
    /** base64 key (≥ 32 bytes) signing form tokens ({@code GET /f/{formId}/token}). */
    public static final String FORM_TOKEN_KEY = "LEM_FORM_TOKEN_KEY";
    /** Where a deployed function reads {@link #FORM_TOKEN_KEY} from, when the key itself is not set. */
    public static final String FORM_TOKEN_KEY_SECRET_ARN = "LEM_FORM_TOKEN_KEY_SECRET_ARN";
    /** Turnstile secret; when set, form-capture verifies {@code cf-turnstile-response} server-side. */
    public static final String CAPTCHA_SECRET = "LEM_CAPTCHA_SECRET";
    /** Where a deployed function reads {@link #CAPTCHA_SECRET} from, when it is not set itself. */
    public static final String CAPTCHA_SECRET_ARN = "LEM_CAPTCHA_SECRET_ARN";
    public static final String LOG_LEVEL = "LEM_LOG_LEVEL";
    public static final String MAIL_FROM = "LEM_MAIL_FROM";
    public static final String SES_CONFIGURATION_SET = "LEM_SES_CONFIGURATION_SET";
    public static final String SCHEDULE_GROUP = "LEM_SCHEDULE_GROUP";
    public static final String DRIP_FUNCTION_ARN = "LEM_DRIP_FUNCTION_ARN";
    public static final String SCHEDULER_ROLE_ARN = "LEM_SCHEDULER_ROLE_ARN";
    /** Where EventBridge Scheduler puts a drip timer whose target kept failing (optional). */
    public static final String SCHEDULER_DLQ_ARN = "LEM_SCHEDULER_DLQ_ARN";
    public static final String PUBLIC_BASE_URL = "LEM_PUBLIC_BASE_URL";

    private EnvNames() {}
}
