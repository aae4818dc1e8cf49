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
    /** Scoring: the ARN Scheduler delivers scoring timers to (the activity queue). */
    public static final String SCORING_TIMER_TARGET_ARN = "LEM_SCORING_TIMER_TARGET_ARN";
    /** Scoring: SLA per state, e.g. {@code mql=PT48H,sql=PT24H} (default 48 h each). */
    public static final String SCORING_SLA = "LEM_SCORING_SLA";
    /** Scoring: a score-models JSON document replacing the shipped default. */
    public static final String SCORE_MODELS = "LEM_SCORE_MODELS";
    /** A predictive model JSON document (as {@code lem model train} publishes); unset: no predictive score. */
    public static final String PREDICTIVE_MODEL = "LEM_PREDICTIVE_MODEL";
    /** Optional probability (0–1) at which the predictive score alone makes a lead MQL; unset: off. */
    public static final String PREDICTIVE_MQL_THRESHOLD = "LEM_PREDICTIVE_MQL_THRESHOLD";
    /** Scoring and training: the S3 bucket of model versions ({@code models/<version>.json}, {@code models/current.json}). */
    public static final String MODEL_BUCKET = "LEM_MODEL_BUCKET";
    /** Scoring: how often (minutes, default 15) it looks for a newly published model in {@link #MODEL_BUCKET}. */
    public static final String MODEL_REFRESH_MINUTES = "LEM_MODEL_REFRESH_MINUTES";
    /** Training: how many weeks of training rows (before the run) a weekly training reads (default 52). */
    public static final String TRAINING_WEEKS = "LEM_TRAINING_WEEKS";
    /** Training: buckets per categorical column for feature hashing (2–65536); unset or 0: learned vocabularies. */
    public static final String TRAINING_HASH_BUCKETS = "LEM_TRAINING_HASH_BUCKETS";
    /** Training: {@code true} drops input columns by backward elimination on the validation rows (default false). */
    public static final String TRAINING_SELECT_COLUMNS = "LEM_TRAINING_SELECT_COLUMNS";
    /** The sender's postal address, rendered in every email's footer (optional). */
    public static final String POSTAL_ADDRESS = "LEM_POSTAL_ADDRESS";
    /** ARN of the notify queue: held messages are scheduled back onto it (notifications). */
    public static final String NOTIFY_QUEUE_ARN = "LEM_NOTIFY_QUEUE_ARN";
    /** Marketing messages per lead and channel per day (default 2). */
    public static final String FREQUENCY_CAP_PER_DAY = "LEM_FREQUENCY_CAP_PER_DAY";
    /** Marketing messages per lead and channel per ISO week (default 5). */
    public static final String FREQUENCY_CAP_PER_WEEK = "LEM_FREQUENCY_CAP_PER_WEEK";
    /** Local hours without marketing, {@code HH:mm-HH:mm} or {@code none} (default 21:00-08:00). */
    public static final String QUIET_HOURS = "LEM_QUIET_HOURS";
    /** Alphanumeric SMS sender id (1-11 characters, a letter among them), where the destination country allows one. */
    public static final String SMS_SENDER_ID = "LEM_SMS_SENDER_ID";
    /** Comma list of {@code name=https://target} webhooks; a WEBHOOK message names one as its template. */
    public static final String WEBHOOKS = "LEM_WEBHOOKS";
    /** base64 key (≥ 32 bytes) signing webhook bodies (HMAC-SHA256). */
    public static final String WEBHOOK_SECRET = "LEM_WEBHOOK_SECRET";
    /** Where a deployed function reads {@link #WEBHOOK_SECRET} from, when it is not set itself. */
    public static final String WEBHOOK_SECRET_ARN = "LEM_WEBHOOK_SECRET_ARN";
    /** IANA time zone of leads whose profile names none (default UTC). */
    public static final String DEFAULT_TIME_ZONE = "LEM_DEFAULT_TIME_ZONE";

    private EnvNames() {}
}
