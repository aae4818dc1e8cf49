package dev.lem.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LemStackConfigTest {

    @TempDir
    Path repo;

    @Test
    void repositoryRoot_whenStartedInInfra_isTheFolderAbove() throws IOException {
        givenRepository();

        assertThat(LemStackConfig.repositoryRoot(repo.resolve("infra"))).isEqualTo(repo);
    }

    @Test
    void repositoryRoot_whenStartedInTheRoot_isTheRoot() throws IOException {
        givenRepository();

        assertThat(LemStackConfig.repositoryRoot(repo)).isEqualTo(repo);
    }

    @Test
    void repositoryRoot_whenNoRepositoryIsAbove_failsNamingTheContextKey() {
        assertThatThrownBy(() -> LemStackConfig.repositoryRoot(repo))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(LemStackConfig.ASSET_ROOT);
    }

    @Test
    void name_whenPrefixed_prependsThePrefix() {
        LemStackConfig config = config("dev-", "", "a@b.example");

        assertThat(config.name("lem")).isEqualTo("dev-lem");
        assertThat(config.allowedOrigins()).containsExactly("*");
        assertThat(config.mailFromDomain()).isEqualTo("b.example");
    }

    @Test
    void constructor_whenPrefixIsNotANamePart_fails() {
        assertThatThrownBy(() -> config("1 bad", "", "a@b.example"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(LemStackConfig.PREFIX);
    }

    @Test
    void constructor_whenMailFromIsNotAnAddress_fails() {
        assertThatThrownBy(() -> config("", "", "no-reply"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(LemStackConfig.MAIL_FROM);
    }

    @Test
    void withAssetRoot_whenUsed_takesTheDefaults() {
        LemStackConfig config = LemStackConfig.withAssetRoot(repo);

        assertThat(config.prefix()).isEmpty();
        assertThat(config.mailFrom()).isEqualTo(LemStackConfig.DEFAULT_MAIL_FROM);
        assertThat(config.publicBaseUrl()).isEmpty();
    }

    @Test
    void name_whenStaged_putsTheStageBetweenPrefixAndBase() {
        assertThat(config("acme-", "prod", "a@b.example").name("lem")).isEqualTo("acme-prod-lem");
        assertThat(config("", "dev", "a@b.example").name("Lem")).isEqualTo("dev-Lem");
    }

    @Test
    void constructor_whenStageIsNotLowerCaseAlphanumeric_fails() {
        assertThatThrownBy(() -> config("", "Prod-1", "a@b.example"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(LemStackConfig.STAGE);
    }

    @Test
    void constructor_whenLogRetentionIsNotACloudWatchValue_failsListingTheValidOnes() {
        assertThatThrownBy(() -> new LemStackConfig(repo, "", "", "a@b.example", null, Optional.empty(),
                Optional.empty(), List.of(), 31, 30, 1, 1, Optional.empty(), Optional.empty(), false,
                LemStackConfig.DEFAULT_WAF_RATE_LIMIT, Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(LemStackConfig.LOG_RETENTION_DAYS).hasMessageContaining("30");
    }

    @Test
    void constructor_whenBudgetIsNotPositive_fails() {
        assertThatThrownBy(() -> LemStackConfig.withAssetRoot(repo).withMonthlyBudgetUsd(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(LemStackConfig.MONTHLY_BUDGET_USD);
    }

    @Test
    void constructor_whenWafRateLimitIsBelowWafsMinimum_fails() {
        assertThatThrownBy(() -> LemStackConfig.withAssetRoot(repo).withCdn(9))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(LemStackConfig.WAF_RATE_LIMIT);
    }

    @Test
    void constructor_whenRegionIsNotAnAwsRegion_fails() {
        assertThatThrownBy(() -> LemStackConfig.withAssetRoot(repo).withRegion("Europe"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(LemStackConfig.REGION);
    }

    @Test
    void environment_whenCdnIsOnWithoutLemRegion_usesTheCliDefaults() {
        LemStackConfig config = LemStackConfig.withAssetRoot(repo).withCdn(2000);

        var env = LemApp.environment(config, java.util.Map.of("CDK_DEFAULT_REGION", "eu-west-1",
                "CDK_DEFAULT_ACCOUNT", "123456789012"));

        assertThat(env.getRegion()).isEqualTo("eu-west-1");
        assertThat(env.getAccount()).isEqualTo("123456789012");
        assertThat(LemApp.environment(config.withRegion("us-east-1"), java.util.Map.of()).getRegion()).isEqualTo("us-east-1");
        assertThat(LemApp.environment(LemStackConfig.withAssetRoot(repo), java.util.Map.of("CDK_DEFAULT_REGION", "eu-west-1")))
                .as("environment-agnostic without cdn or lem:region").isNull();
    }

    @Test
    void mailFromDomain_whenGivenExplicitly_overridesTheSendersDomain() {
        LemStackConfig config = new LemStackConfig(repo, "", "", "a@mail.b.example", "b.example", Optional.empty(),
                Optional.empty(), List.of(), 30, 30, 1, 1, Optional.empty(), Optional.empty(), false,
                LemStackConfig.DEFAULT_WAF_RATE_LIMIT, Optional.empty());

        assertThat(config.mailFromDomain()).isEqualTo("b.example");
    }

    @Test
    void withAssetRoot_whenUsed_reservesConcurrencyForTheHotPathsAndKeepsLogsAMonth() {
        LemStackConfig config = LemStackConfig.withAssetRoot(repo);

        assertThat(config.formCaptureConcurrency()).isEqualTo(LemStackConfig.DEFAULT_FORM_CAPTURE_CONCURRENCY).isPositive();
        assertThat(config.trackingConcurrency()).isEqualTo(LemStackConfig.DEFAULT_TRACKING_CONCURRENCY).isPositive();
        assertThat(config.logRetentionDays()).isEqualTo(30);
        assertThat(config.archiveRetentionDays()).isEqualTo(30);
        assertThat(config.monthlyBudgetUsd()).isEmpty();
        assertThat(config.cdn()).isFalse();
        assertThat(config.wafRateLimit()).isEqualTo(LemStackConfig.DEFAULT_WAF_RATE_LIMIT).isEqualTo(2000);
        assertThat(config.region()).isEmpty();
    }

    private static final String EU_CERT = "arn:aws:acm:eu-west-1:123456789012:certificate/11111111-2222-3333-4444-555555555555";
    private static final String US_EAST_1_CERT = "arn:aws:acm:us-east-1:123456789012:certificate/66666666-7777-8888-9999-000000000000";

    @Test
    void withDomain_whenOnlyTheDomainIsGiven_failsNamingTheMissingCertificate() {
        assertThatThrownBy(() -> LemStackConfig.withAssetRoot(repo).withDomain("forms.acme.example", null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(LemStackConfig.DOMAIN_NAME).hasMessageContaining(LemStackConfig.CERTIFICATE_ARN);
    }

    @Test
    void withDomain_whenOnlyTheCertificateIsGiven_failsNamingTheMissingDomain() {
        assertThatThrownBy(() -> LemStackConfig.withAssetRoot(repo).withDomain(" ", EU_CERT))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(LemStackConfig.DOMAIN_NAME).hasMessageContaining("got only " + LemStackConfig.CERTIFICATE_ARN);
    }

    @Test
    void withDomain_whenCdnAndTheCertificateIsNotInUsEast1_failsSayingCloudFrontNeedsUsEast1() {
        assertThatThrownBy(() -> LemStackConfig.withAssetRoot(repo).withCdn(2000).withDomain("forms.acme.example", EU_CERT))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("us-east-1").hasMessageContaining("eu-west-1").hasMessageContaining(LemStackConfig.CDN);
    }

    @Test
    void withDomain_whenNoCdnAndTheCertificateIsNotInLemRegion_fails() {
        assertThatThrownBy(() -> LemStackConfig.withAssetRoot(repo).withRegion("eu-central-1")
                .withDomain("forms.acme.example", EU_CERT))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("eu-central-1").hasMessageContaining("eu-west-1");
    }

    @Test
    void withDomain_whenTheDomainOrArnIsMalformed_fails() {
        assertThatThrownBy(() -> LemStackConfig.withAssetRoot(repo).withDomain("https://forms.acme.example/", EU_CERT))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(LemStackConfig.DOMAIN_NAME);
        assertThatThrownBy(() -> LemStackConfig.withAssetRoot(repo).withDomain("forms.acme.example", "arn:aws:iam::1:role/x"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(LemStackConfig.CERTIFICATE_ARN);
    }

    @Test
    void withDomain_whenValid_keepsBothAndCaptchaDefaultsOff() {
        LemStackConfig plain = LemStackConfig.withAssetRoot(repo);
        LemStackConfig cdn = plain.withCdn(2000).withDomain("Forms.Acme.Example", US_EAST_1_CERT).withCaptcha(true);

        assertThat(plain.domainName()).isEmpty();
        assertThat(plain.certificateArn()).isEmpty();
        assertThat(plain.captcha()).isFalse();
        assertThat(cdn.domainName()).contains("forms.acme.example");
        assertThat(cdn.certificateArn()).contains(US_EAST_1_CERT);
        assertThat(cdn.captcha()).isTrue();
        assertThat(plain.withRegion("eu-west-1").withDomain("forms.acme.example", EU_CERT).domainName()).isPresent();
    }

    private LemStackConfig config(String prefix, String stage, String mailFrom) {
        return new LemStackConfig(repo, prefix, stage, mailFrom, null, Optional.empty(), Optional.empty(), List.of(),
                30, 30, 20, 50, Optional.empty(), Optional.empty(), false,
                LemStackConfig.DEFAULT_WAF_RATE_LIMIT, Optional.empty());
    }

    @Test
    void withWebhooks_whenValid_keepsThemInOrderAsLemWebhooksWritesThem() throws IOException {
        givenRepository();
        LemStackConfig config = LemStackConfig.withAssetRoot(repo)
                .withWebhooks(" crm=https://crm.acme.example/hooks/lem?x=1 , callcentre=https://cc.acme.example:8443/in ");

        assertThat(config.webhooks()).containsExactly(java.util.Map.entry("crm", "https://crm.acme.example/hooks/lem?x=1"),
                java.util.Map.entry("callcentre", "https://cc.acme.example:8443/in"));
        assertThat(config.webhooksVariable())
                .isEqualTo("crm=https://crm.acme.example/hooks/lem?x=1,callcentre=https://cc.acme.example:8443/in");
        // later settings keep them
        assertThat(config.withStage("dev").withCaptcha(true).webhooks()).containsOnlyKeys("crm", "callcentre");
        assertThat(LemStackConfig.withAssetRoot(repo).webhooks()).isEmpty();
        assertThat(LemStackConfig.withAssetRoot(repo).withWebhooks("  ").webhooks()).isEmpty();
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', textBlock = """
            crm=http://crm.acme.example/hook                         | webhook crm must be an https URL
            crm=https://user:pw@crm.acme.example/hook                | webhook crm must be an https URL
            crm=https:///no-host                                     | webhook crm must be an https URL
            crm=https://crm.acme.example/h#frag                      | webhook crm must be an https URL
            crm=ftp://crm.acme.example                               | webhook crm must be an https URL
            crm=https://crm.acme.example/a b                         | webhook crm is not a valid URL
            CRM=https://crm.acme.example/hook                        | a webhook name must be 1-64 lower-case letters
            =https://crm.acme.example/hook                           | a webhook name must be 1-64 lower-case letters
            https://crm.acme.example/hook                            | must be name=https://host/path pairs
            crm=https://a.acme.example,crm=https://b.acme.example    | names webhook 'crm' twice
            """)
    void withWebhooks_whenMalformed_failsNamingTheContextKey(String text, String message) throws IOException {
        givenRepository();
        LemStackConfig config = LemStackConfig.withAssetRoot(repo);

        assertThatThrownBy(() -> config.withWebhooks(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(LemStackConfig.WEBHOOKS).hasMessageContaining(message);
    }

    private void givenRepository() throws IOException {
        Files.createDirectories(repo.resolve("infra"));
        Files.writeString(repo.resolve("pom.xml"), "<project/>");
        Files.writeString(repo.resolve("infra/pom.xml"), "<project/>");
    }
}
