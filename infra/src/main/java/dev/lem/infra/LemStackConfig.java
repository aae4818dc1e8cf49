package dev.lem.infra;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import software.constructs.Node;

/**
 * What varies between deployments of the stack, read from CDK context ({@code -c key=value} or
 * {@code infra/cdk.json}). Every key is optional.
 *
 * @param assetRoot            folder that holds {@code functions/<id>/target/lem-<id>.jar}
 *                             ({@link dev.lem.config.FunctionName#jarPath()}); context {@value #ASSET_ROOT}
 * @param prefix               prepended to the names LEM fixes itself (bus, schedule group); context {@value #PREFIX}
 * @param stage                deployment stage ({@code dev}, {@code prod}…), part of the stack name and of every
 *                             fixed name, and a tag on every resource; empty for none; context {@value #STAGE}
 * @param mailFrom             sender address for email; context {@value #MAIL_FROM}
 * @param mailDomain           the SES-verified sending domain; the domain of {@code mailFrom} unless context
 *                             {@value #MAIL_DOMAIN}
 * @param postalAddress        the sender's postal address for email footers (CAN-SPAM); context {@value #POSTAL_ADDRESS}
 * @param publicBaseUrl        base URL of tracked and confirmation links; {@code https://<domainName>/} with a custom
 *                             domain, else the API's (or the distribution's) URL, unless context {@value #PUBLIC_BASE_URL}
 * @param allowedOrigins       CORS origins allowed to post forms; context {@value #ALLOWED_ORIGINS} (comma separated)
 * @param logRetentionDays     retention of every log group; context {@value #LOG_RETENTION_DAYS}, default 30
 * @param archiveRetentionDays retention of the event bus archive; context {@value #ARCHIVE_RETENTION_DAYS}, default 30
 * @param formCaptureConcurrency reserved concurrency of form-capture, 0 for none; context
 *                             {@value #FORM_CAPTURE_CONCURRENCY}, default {@value #DEFAULT_FORM_CAPTURE_CONCURRENCY}
 * @param trackingConcurrency  reserved concurrency of tracking, 0 for none; context {@value #TRACKING_CONCURRENCY},
 *                             default {@value #DEFAULT_TRACKING_CONCURRENCY}
 * @param monthlyBudgetUsd     an AWS Budgets cost alarm at this monthly amount; none unless context
 *                             {@value #MONTHLY_BUDGET_USD}
 * @param alarmEmail           subscribed to the alarm topic; none unless context {@value #ALARM_EMAIL}
 * @param cdn                  a CloudFront distribution in front of the API, with an AWS WAF web ACL (a rate-based
 *                             rule and the AWS managed common rule set); context {@value #CDN} = {@code true}
 * @param wafRateLimit         requests per 5 minutes per IP the web ACL allows before blocking (with {@code cdn});
 *                             context {@value #WAF_RATE_LIMIT}, default {@value #DEFAULT_WAF_RATE_LIMIT}
 * @param region               the region the stack deploys to (an environment-specific stack); context
 *                             {@value #REGION}. {@link LemApp} falls back to {@code CDK_DEFAULT_REGION} when
 *                             {@code cdn} needs a region (the WAF web ACL of CloudFront lives in us-east-1)
 * @param domainName           a custom domain for the public endpoints ({@code forms.acme.example}): an API Gateway
 *                             custom domain, or with {@code cdn} an alternate domain name of the distribution; none
 *                             unless context {@value #DOMAIN_NAME}, which needs {@value #CERTIFICATE_ARN}. No DNS
 *                             record is created: point the name at the {@code CustomDomainTarget} output yourself
 * @param certificateArn       the ACM certificate of {@code domainName}: in the stack's region, or in us-east-1
 *                             with {@code cdn}; context {@value #CERTIFICATE_ARN}, only with {@value #DOMAIN_NAME}
 * @param captcha              form-capture verifies a Turnstile CAPTCHA: the stack creates an empty secret for the
 *                             Turnstile secret key (the operator fills it in) and passes its ARN to form-capture;
 *                             context {@value #CAPTCHA} = {@code true}
 * @param webhooks             the webhooks notifications may call, by name ({@code crm}, {@code callcentre}): https URLs
 *                             only, validated at synth; set as {@code LEM_WEBHOOKS} on notifications, with an empty
 *                             secret for their signing key the operator fills in; none unless context {@value #WEBHOOKS}
 *                             ({@code crm=https://crm.example/hooks/lem,callcentre=https://cc.example/in})
 */
public record LemStackConfig(Path assetRoot, String prefix, String stage, String mailFrom, String mailDomain,
                             Optional<String> postalAddress, Optional<String> publicBaseUrl,
                             List<String> allowedOrigins, int logRetentionDays, int archiveRetentionDays,
                             int formCaptureConcurrency, int trackingConcurrency,
                             Optional<Integer> monthlyBudgetUsd, Optional<String> alarmEmail, boolean cdn,
                             int wafRateLimit, Optional<String> region, Optional<String> domainName,
                             Optional<String> certificateArn, boolean captcha,
                             Map<String, String> webhooks) {

    public static final String ASSET_ROOT = "lem:assetRoot";
    public static final String PREFIX = "lem:prefix";
    public static final String STAGE = "lem:stage";
    public static final String MAIL_FROM = "lem:mailFrom";
    public static final String MAIL_DOMAIN = "lem:mailDomain";
    public static final String POSTAL_ADDRESS = "lem:postalAddress";
    public static final String PUBLIC_BASE_URL = "lem:publicBaseUrl";
    public static final String ALLOWED_ORIGINS = "lem:allowedOrigins";
    public static final String LOG_RETENTION_DAYS = "lem:logRetentionDays";
    public static final String ARCHIVE_RETENTION_DAYS = "lem:archiveRetentionDays";
    public static final String FORM_CAPTURE_CONCURRENCY = "lem:formCaptureConcurrency";
    public static final String TRACKING_CONCURRENCY = "lem:trackingConcurrency";
    public static final String MONTHLY_BUDGET_USD = "lem:monthlyBudgetUsd";
    public static final String ALARM_EMAIL = "lem:alarmEmail";
    public static final String CDN = "lem:cdn";
    public static final String WAF_RATE_LIMIT = "lem:wafRateLimit";
    public static final String REGION = "lem:region";
    public static final String DOMAIN_NAME = "lem:domainName";
    public static final String CERTIFICATE_ARN = "lem:certificateArn";
    public static final String CAPTCHA = "lem:captcha";
    public static final String WEBHOOKS = "lem:webhooks";

    public static final String DEFAULT_MAIL_FROM = "no-reply@example.com";
    public static final int DEFAULT_LOG_RETENTION_DAYS = 30;
    public static final int DEFAULT_ARCHIVE_RETENTION_DAYS = 30;
    /** Caps what one burst of form posts can cost and take from the account's concurrency. */
    public static final int DEFAULT_FORM_CAPTURE_CONCURRENCY = 20;
    /** Pixels and clicks arrive in bursts after a send; the activity queue absorbs the rest. */
    public static final int DEFAULT_TRACKING_CONCURRENCY = 50;
    /** Requests per 5 minutes per IP: far above a person's forms and pixels, far below a flood. */
    public static final int DEFAULT_WAF_RATE_LIMIT = 2000;
    /** The smallest limit AWS WAF accepts for a rate-based rule. */
    static final int MIN_WAF_RATE_LIMIT = 10;

    /** The retention values CloudWatch Logs accepts. */
    static final Set<Integer> LOG_RETENTIONS = Set.of(1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545,
            731, 1096, 1827, 2192, 2557, 2922, 3288, 3653);

    private static final java.util.regex.Pattern WEBHOOK_NAME = java.util.regex.Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");
    private static final String EMAIL = "[^@\\s]+@[^@\\s]+\\.[^@\\s]+";
    private static final java.util.regex.Pattern CERTIFICATE = java.util.regex.Pattern.compile(
            "arn:aws[a-z-]*:acm:([a-z]{2}(?:-[a-z]+)+-\\d+):\\d{12}:certificate/[A-Za-z0-9-]+");

    public LemStackConfig {
        Objects.requireNonNull(assetRoot, "assetRoot");
        assetRoot = assetRoot.toAbsolutePath().normalize();
        prefix = prefix == null ? "" : prefix;
        if (!prefix.matches("([A-Za-z][A-Za-z0-9-]*)?")) {
            throw new IllegalArgumentException(PREFIX + " must start with a letter and hold only letters, digits and '-', got '" + prefix + "'");
        }
        stage = stage == null ? "" : stage;
        if (!stage.matches("([a-z][a-z0-9]{0,15})?")) {
            throw new IllegalArgumentException(STAGE + " must be 1-16 lower-case letters and digits starting with a letter, got '" + stage + "'");
        }
        if (mailFrom == null || !mailFrom.matches(EMAIL)) {
            throw new IllegalArgumentException(MAIL_FROM + " must be an email address, got '" + mailFrom + "'");
        }
        mailDomain = mailDomain == null || mailDomain.isBlank() ? mailFrom.substring(mailFrom.indexOf('@') + 1) : mailDomain;
        if (!mailDomain.matches("[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)+")) {
            throw new IllegalArgumentException(MAIL_DOMAIN + " must be a domain name, got '" + mailDomain + "'");
        }
        postalAddress = Objects.requireNonNullElse(postalAddress, Optional.empty());
        publicBaseUrl = Objects.requireNonNullElse(publicBaseUrl, Optional.empty());
        allowedOrigins = allowedOrigins == null || allowedOrigins.isEmpty() ? List.of("*") : List.copyOf(allowedOrigins);
        if (!LOG_RETENTIONS.contains(logRetentionDays)) {
            throw new IllegalArgumentException(LOG_RETENTION_DAYS + " must be one of " + LOG_RETENTIONS.stream().sorted().toList()
                    + ", got " + logRetentionDays);
        }
        if (archiveRetentionDays < 1) {
            throw new IllegalArgumentException(ARCHIVE_RETENTION_DAYS + " must be at least 1, got " + archiveRetentionDays);
        }
        if (formCaptureConcurrency < 0 || trackingConcurrency < 0) {
            throw new IllegalArgumentException(FORM_CAPTURE_CONCURRENCY + " and " + TRACKING_CONCURRENCY
                    + " must be 0 (none) or more");
        }
        monthlyBudgetUsd = Objects.requireNonNullElse(monthlyBudgetUsd, Optional.empty());
        if (monthlyBudgetUsd.isPresent() && monthlyBudgetUsd.get() < 1) {
            throw new IllegalArgumentException(MONTHLY_BUDGET_USD + " must be a positive whole number of dollars");
        }
        alarmEmail = Objects.requireNonNullElse(alarmEmail, Optional.empty());
        if (alarmEmail.isPresent() && !alarmEmail.get().matches(EMAIL)) {
            throw new IllegalArgumentException(ALARM_EMAIL + " must be an email address, got '" + alarmEmail.get() + "'");
        }
        if (wafRateLimit < MIN_WAF_RATE_LIMIT || wafRateLimit > 2_000_000_000) {
            throw new IllegalArgumentException(WAF_RATE_LIMIT + " must be between " + MIN_WAF_RATE_LIMIT
                    + " and 2000000000 requests per 5 minutes, got " + wafRateLimit);
        }
        region = Objects.requireNonNullElse(region, Optional.<String>empty()).filter(r -> !r.isBlank()).map(String::strip);
        if (region.isPresent() && !region.get().matches("[a-z]{2}(-[a-z]+)+-\\d+")) {
            throw new IllegalArgumentException(REGION + " must be an AWS region such as eu-west-1, got '" + region.get() + "'");
        }
        domainName = Objects.requireNonNullElse(domainName, Optional.<String>empty()).filter(d -> !d.isBlank())
                .map(d -> d.strip().toLowerCase(java.util.Locale.ROOT));
        certificateArn = Objects.requireNonNullElse(certificateArn, Optional.<String>empty()).filter(a -> !a.isBlank())
                .map(String::strip);
        if (domainName.isPresent() != certificateArn.isPresent()) {
            throw new IllegalArgumentException("A custom domain needs both " + DOMAIN_NAME + " and " + CERTIFICATE_ARN
                    + " (an ACM certificate for it" + (cdn ? " in " + LemEdge.REGION + ", for CloudFront" : " in the stack's region")
                    + "); got only " + (domainName.isPresent() ? DOMAIN_NAME : CERTIFICATE_ARN));
        }
        if (domainName.isPresent() && !domainName.get().matches("([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]{2,63}")) {
            throw new IllegalArgumentException(DOMAIN_NAME + " must be a fully qualified domain name such as "
                    + "forms.acme.example (no scheme, no path, no wildcard), got '" + domainName.get() + "'");
        }
        if (certificateArn.isPresent()) {
            java.util.regex.Matcher arn = CERTIFICATE.matcher(certificateArn.get());
            if (!arn.matches()) {
                throw new IllegalArgumentException(CERTIFICATE_ARN + " must be an ACM certificate ARN "
                        + "(arn:aws:acm:<region>:<account>:certificate/<id>), got '" + certificateArn.get() + "'");
            }
            if (cdn && !LemEdge.REGION.equals(arn.group(1))) {
                throw new IllegalArgumentException("With " + CDN + "=true the certificate goes on the CloudFront "
                        + "distribution, which only accepts ACM certificates in " + LemEdge.REGION + ": " + CERTIFICATE_ARN
                        + " is in " + arn.group(1));
            }
            if (!cdn && region.isPresent() && !region.get().equals(arn.group(1))) {
                throw new IllegalArgumentException("An API Gateway regional custom domain needs an ACM certificate in "
                        + "the stack's region " + region.get() + ": " + CERTIFICATE_ARN + " is in " + arn.group(1));
            }
        }
        webhooks = webhooks == null ? Map.of() : checkedWebhooks(webhooks);
    }

    /** Before the webhooks setting: none. */
    public LemStackConfig(Path assetRoot, String prefix, String stage, String mailFrom, String mailDomain,
                          Optional<String> postalAddress, Optional<String> publicBaseUrl,
                          List<String> allowedOrigins, int logRetentionDays, int archiveRetentionDays,
                          int formCaptureConcurrency, int trackingConcurrency,
                          Optional<Integer> monthlyBudgetUsd, Optional<String> alarmEmail, boolean cdn,
                          int wafRateLimit, Optional<String> region, Optional<String> domainName,
                          Optional<String> certificateArn, boolean captcha) {
        this(assetRoot, prefix, stage, mailFrom, mailDomain, postalAddress, publicBaseUrl, allowedOrigins,
                logRetentionDays, archiveRetentionDays, formCaptureConcurrency, trackingConcurrency, monthlyBudgetUsd,
                alarmEmail, cdn, wafRateLimit, region, domainName, certificateArn, captcha, Map.of());
    }

    /** Before the custom domain and CAPTCHA settings: none of either. */
    public LemStackConfig(Path assetRoot, String prefix, String stage, String mailFrom, String mailDomain,
                          Optional<String> postalAddress, Optional<String> publicBaseUrl,
                          List<String> allowedOrigins, int logRetentionDays, int archiveRetentionDays,
                          int formCaptureConcurrency, int trackingConcurrency,
                          Optional<Integer> monthlyBudgetUsd, Optional<String> alarmEmail, boolean cdn,
                          int wafRateLimit, Optional<String> region) {
        this(assetRoot, prefix, stage, mailFrom, mailDomain, postalAddress, publicBaseUrl, allowedOrigins,
                logRetentionDays, archiveRetentionDays, formCaptureConcurrency, trackingConcurrency, monthlyBudgetUsd,
                alarmEmail, cdn, wafRateLimit, region, Optional.empty(), Optional.empty(), false, Map.of());
    }

    /** The region of an ACM certificate ARN, if it is one. */
    static Optional<String> certificateRegion(String certificateArn) {
        java.util.regex.Matcher arn = CERTIFICATE.matcher(certificateArn);
        return arn.matches() ? Optional.of(arn.group(1)) : Optional.empty();
    }

    /** Defaults for everything but the asset root. */
    public static LemStackConfig withAssetRoot(Path assetRoot) {
        return new LemStackConfig(assetRoot, "", "", DEFAULT_MAIL_FROM, null, Optional.empty(), Optional.empty(),
                List.of("*"), DEFAULT_LOG_RETENTION_DAYS, DEFAULT_ARCHIVE_RETENTION_DAYS,
                DEFAULT_FORM_CAPTURE_CONCURRENCY, DEFAULT_TRACKING_CONCURRENCY, Optional.empty(), Optional.empty(), false,
                DEFAULT_WAF_RATE_LIMIT, Optional.empty());
    }

    public LemStackConfig withPostalAddress(String address) {
        return new LemStackConfig(assetRoot, prefix, stage, mailFrom, mailDomain, Optional.ofNullable(address),
                publicBaseUrl, allowedOrigins, logRetentionDays, archiveRetentionDays, formCaptureConcurrency,
                trackingConcurrency, monthlyBudgetUsd, alarmEmail, cdn, wafRateLimit, region, domainName, certificateArn, captcha, webhooks);
    }

    public LemStackConfig withAllowedOrigins(List<String> origins) {
        return new LemStackConfig(assetRoot, prefix, stage, mailFrom, mailDomain, postalAddress, publicBaseUrl,
                origins, logRetentionDays, archiveRetentionDays, formCaptureConcurrency, trackingConcurrency,
                monthlyBudgetUsd, alarmEmail, cdn, wafRateLimit, region, domainName, certificateArn, captcha, webhooks);
    }

    public LemStackConfig withMonthlyBudgetUsd(Integer usd) {
        return new LemStackConfig(assetRoot, prefix, stage, mailFrom, mailDomain, postalAddress, publicBaseUrl,
                allowedOrigins, logRetentionDays, archiveRetentionDays, formCaptureConcurrency, trackingConcurrency,
                Optional.ofNullable(usd), alarmEmail, cdn, wafRateLimit, region, domainName, certificateArn, captcha, webhooks);
    }

    public LemStackConfig withStage(String newStage) {
        return new LemStackConfig(assetRoot, prefix, newStage, mailFrom, mailDomain, postalAddress, publicBaseUrl,
                allowedOrigins, logRetentionDays, archiveRetentionDays, formCaptureConcurrency, trackingConcurrency,
                monthlyBudgetUsd, alarmEmail, cdn, wafRateLimit, region, domainName, certificateArn, captcha, webhooks);
    }

    /** CloudFront and AWS WAF in front of the API, the web ACL allowing {@code rateLimit} requests per 5 minutes per IP. */
    public LemStackConfig withCdn(int rateLimit) {
        return new LemStackConfig(assetRoot, prefix, stage, mailFrom, mailDomain, postalAddress, publicBaseUrl,
                allowedOrigins, logRetentionDays, archiveRetentionDays, formCaptureConcurrency, trackingConcurrency,
                monthlyBudgetUsd, alarmEmail, true, rateLimit, region, domainName, certificateArn, captcha, webhooks);
    }

    public LemStackConfig withRegion(String newRegion) {
        return new LemStackConfig(assetRoot, prefix, stage, mailFrom, mailDomain, postalAddress, publicBaseUrl,
                allowedOrigins, logRetentionDays, archiveRetentionDays, formCaptureConcurrency, trackingConcurrency,
                monthlyBudgetUsd, alarmEmail, cdn, wafRateLimit, Optional.ofNullable(newRegion), domainName,
                certificateArn, captcha, webhooks);
    }

    /** A custom domain for the public endpoints, with its ACM certificate (see {@link #domainName()}). */
    public LemStackConfig withDomain(String newDomainName, String newCertificateArn) {
        return new LemStackConfig(assetRoot, prefix, stage, mailFrom, mailDomain, postalAddress, publicBaseUrl,
                allowedOrigins, logRetentionDays, archiveRetentionDays, formCaptureConcurrency, trackingConcurrency,
                monthlyBudgetUsd, alarmEmail, cdn, wafRateLimit, region, Optional.ofNullable(newDomainName),
                Optional.ofNullable(newCertificateArn), captcha, webhooks);
    }

    /** Turnstile CAPTCHA verification in form-capture (see {@link #captcha()}). */
    public LemStackConfig withCaptcha(boolean on) {
        return new LemStackConfig(assetRoot, prefix, stage, mailFrom, mailDomain, postalAddress, publicBaseUrl,
                allowedOrigins, logRetentionDays, archiveRetentionDays, formCaptureConcurrency, trackingConcurrency,
                monthlyBudgetUsd, alarmEmail, cdn, wafRateLimit, region, domainName, certificateArn, on, webhooks);
    }

    /** The webhooks notifications may call, as {@value #WEBHOOKS} writes them (see {@link #webhooks()}). */
    public LemStackConfig withWebhooks(String text) {
        return new LemStackConfig(assetRoot, prefix, stage, mailFrom, mailDomain, postalAddress, publicBaseUrl,
                allowedOrigins, logRetentionDays, archiveRetentionDays, formCaptureConcurrency, trackingConcurrency,
                monthlyBudgetUsd, alarmEmail, cdn, wafRateLimit, region, domainName, certificateArn, captcha,
                parseWebhooks(text));
    }

    /** The webhooks in the form {@code LEM_WEBHOOKS} reads: {@code name=url,name=url}, in the order given. */
    public String webhooksVariable() {
        return String.join(",", webhooks.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList());
    }

    /** {@code name=https://host/path,…}; blank for none. Names are lower-case letters, digits and '-', unique. */
    static Map<String, String> parseWebhooks(String text) {
        Map<String, String> webhooks = new LinkedHashMap<>();
        if (text == null || text.isBlank()) {
            return webhooks;
        }
        for (String entry : text.split(",")) {
            String[] pair = entry.strip().split("=", 2);
            if (pair.length != 2) {
                throw new IllegalArgumentException(WEBHOOKS + " must be name=https://host/path pairs, comma-separated, got '"
                        + entry.strip() + "'");
            }
            if (webhooks.put(pair[0].strip(), pair[1].strip()) != null) {
                throw new IllegalArgumentException(WEBHOOKS + " names webhook '" + pair[0].strip() + "' twice");
            }
        }
        return checkedWebhooks(webhooks);
    }

    private static Map<String, String> checkedWebhooks(Map<String, String> webhooks) {
        webhooks.forEach((name, url) -> {
            if (name == null || !WEBHOOK_NAME.matcher(name).matches()) {
                throw new IllegalArgumentException(WEBHOOKS + ": a webhook name must be 1-64 lower-case letters, digits "
                        + "and '-', got '" + name + "'");
            }
            java.net.URI uri;
            try {
                uri = new java.net.URI(url);
            } catch (java.net.URISyntaxException | NullPointerException e) {
                throw new IllegalArgumentException(WEBHOOKS + ": webhook " + name + " is not a valid URL");
            }
            if (!"https".equals(uri.getScheme()) || uri.getHost() == null || uri.getRawUserInfo() != null
                    || uri.getRawFragment() != null) {
                throw new IllegalArgumentException(WEBHOOKS + ": webhook " + name + " must be an https URL with a host, "
                        + "without user info or fragment, got '" + url + "'");
            }
        });
        return java.util.Collections.unmodifiableMap(new LinkedHashMap<>(webhooks));
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
                context(node, STAGE).orElse(""),
                context(node, MAIL_FROM).orElse(DEFAULT_MAIL_FROM),
                context(node, MAIL_DOMAIN).orElse(null),
                context(node, POSTAL_ADDRESS),
                context(node, PUBLIC_BASE_URL),
                origins,
                integer(node, LOG_RETENTION_DAYS).orElse(DEFAULT_LOG_RETENTION_DAYS),
                integer(node, ARCHIVE_RETENTION_DAYS).orElse(DEFAULT_ARCHIVE_RETENTION_DAYS),
                integer(node, FORM_CAPTURE_CONCURRENCY).orElse(DEFAULT_FORM_CAPTURE_CONCURRENCY),
                integer(node, TRACKING_CONCURRENCY).orElse(DEFAULT_TRACKING_CONCURRENCY),
                integer(node, MONTHLY_BUDGET_USD),
                context(node, ALARM_EMAIL),
                context(node, CDN).map(Boolean::parseBoolean).orElse(false),
                integer(node, WAF_RATE_LIMIT).orElse(DEFAULT_WAF_RATE_LIMIT),
                context(node, REGION),
                context(node, DOMAIN_NAME),
                context(node, CERTIFICATE_ARN),
                context(node, CAPTCHA).map(Boolean::parseBoolean).orElse(false),
                parseWebhooks(context(node, WEBHOOKS).orElse("")));
    }

    /** The bus, the schedule group and other names LEM fixes: {@code prefix + [stage-] + base}. */
    public String name(String base) {
        return prefix + (stage.isEmpty() ? "" : stage + "-") + base;
    }

    /** Access logs and the like are kept when the stack goes: for {@code prod} and the stage-less stack. */
    public boolean retainsData() {
        return stage.isEmpty() || "prod".equals(stage);
    }

    public String mailFromDomain() {
        return mailDomain;
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

    private static Optional<Integer> integer(Node node, String key) {
        return context(node, key).map(v -> {
            try {
                return (int) Double.parseDouble(v);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(key + " must be a number, got '" + v + "'", e);
            }
        });
    }
}
