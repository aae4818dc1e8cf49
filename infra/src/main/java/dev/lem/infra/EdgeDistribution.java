package dev.lem.infra;

import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Fn;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.apigatewayv2.HttpApi;
import software.amazon.awscdk.services.certificatemanager.Certificate;
import software.amazon.awscdk.services.cloudfront.AllowedMethods;
import software.amazon.awscdk.services.cloudfront.BehaviorOptions;
import software.amazon.awscdk.services.cloudfront.CachePolicy;
import software.amazon.awscdk.services.cloudfront.CachedMethods;
import software.amazon.awscdk.services.cloudfront.Distribution;
import software.amazon.awscdk.services.cloudfront.HttpVersion;
import software.amazon.awscdk.services.cloudfront.OriginProtocolPolicy;
import software.amazon.awscdk.services.cloudfront.OriginRequestPolicy;
import software.amazon.awscdk.services.cloudfront.PriceClass;
import software.amazon.awscdk.services.cloudfront.SecurityPolicyProtocol;
import software.amazon.awscdk.services.cloudfront.ViewerProtocolPolicy;
import software.amazon.awscdk.services.cloudfront.origins.HttpOrigin;
import software.amazon.awscdk.services.s3.BlockPublicAccess;
import software.amazon.awscdk.services.s3.Bucket;
import software.amazon.awscdk.services.s3.BucketEncryption;
import software.amazon.awscdk.services.s3.LifecycleRule;
import software.amazon.awscdk.services.s3.ObjectOwnership;
import software.constructs.Construct;

/**
 * CloudFront in front of the HTTP API ({@code lem:cdn=true}): the API's execute-api domain as the only
 * origin, HTTPS only on both sides, every method forwarded with everything the viewer sent but the Host
 * header, and nothing cached, except {@code /t/lem.js}, a static script. The AWS WAF web ACL
 * ({@link EdgeWebAcl}) is attached; standard access logs go to an encrypted, TLS-only bucket, kept as long
 * as the log groups. With {@code lem:domainName}, the domain is an alternate domain name of the distribution
 * with the ACM certificate of {@code lem:certificateArn} (us-east-1) and viewers need TLS 1.2 at least; no
 * DNS record is created.
 */
public final class EdgeDistribution extends Construct {

    public static final String SCRIPT_PATH = "/t/lem.js";

    private final Bucket logs;
    private final Distribution distribution;
    private final boolean customDomain;

    public EdgeDistribution(Construct scope, String id, HttpApi api, String webAclArn, LemStackConfig config) {
        super(scope, id);
        boolean retain = config.retainsData();
        this.logs = Bucket.Builder.create(this, "AccessLogs")
                .encryption(BucketEncryption.S3_MANAGED) // CloudFront standard logging cannot write to SSE-KMS without a key policy per distribution
                .enforceSsl(true)
                .blockPublicAccess(BlockPublicAccess.BLOCK_ALL)
                // CloudFront standard logging writes with the awslogsdelivery account's ACL
                .objectOwnership(ObjectOwnership.BUCKET_OWNER_PREFERRED)
                .lifecycleRules(List.of(LifecycleRule.builder()
                        .expiration(Duration.days(config.logRetentionDays())).build()))
                .removalPolicy(retain ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY)
                .autoDeleteObjects(!retain)
                .build();
        // https://{apiId}.execute-api.{region}.amazonaws.com → the host name
        String apiDomain = Fn.select(2, Fn.split("/", api.getApiEndpoint()));
        HttpOrigin origin = HttpOrigin.Builder.create(apiDomain)
                .protocolPolicy(OriginProtocolPolicy.HTTPS_ONLY)
                .build();
        this.customDomain = config.domainName().isPresent();
        Distribution.Builder builder = Distribution.Builder.create(this, "Distribution");
        config.domainName().ifPresent(domain -> builder
                .domainNames(List.of(domain))
                .certificate(Certificate.fromCertificateArn(this, "Certificate", config.certificateArn().orElseThrow()))
                .minimumProtocolVersion(SecurityPolicyProtocol.TLS_V1_2_2021));
        this.distribution = builder
                .comment("LEM public endpoints (forms, tracking) behind AWS WAF")
                .defaultBehavior(BehaviorOptions.builder()
                        .origin(origin)
                        .viewerProtocolPolicy(ViewerProtocolPolicy.HTTPS_ONLY)
                        .allowedMethods(AllowedMethods.ALLOW_ALL)
                        .cachePolicy(CachePolicy.CACHING_DISABLED)
                        .originRequestPolicy(OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER)
                        .compress(true)
                        .build())
                .additionalBehaviors(Map.of(SCRIPT_PATH, BehaviorOptions.builder()
                        .origin(origin)
                        .viewerProtocolPolicy(ViewerProtocolPolicy.HTTPS_ONLY)
                        .allowedMethods(AllowedMethods.ALLOW_GET_HEAD)
                        .cachedMethods(CachedMethods.CACHE_GET_HEAD)
                        .cachePolicy(CachePolicy.CACHING_OPTIMIZED)
                        .compress(true)
                        .build()))
                .webAclId(webAclArn)
                .priceClass(PriceClass.PRICE_CLASS_100)
                .httpVersion(HttpVersion.HTTP2_AND_3)
                .enableLogging(true)
                .logBucket(logs)
                .logFilePrefix("cloudfront/")
                .build();
    }

    /** {@code https://<id>.cloudfront.net/}, ending in {@code /} like the API's URL. */
    public String url() {
        return "https://" + distribution.getDistributionDomainName() + "/";
    }

    /** Whether the distribution serves {@code lem:domainName} with its own certificate. */
    public boolean hasCustomDomain() {
        return customDomain;
    }

    public Distribution distribution() {
        return distribution;
    }

    public Bucket logBucket() {
        return logs;
    }
}
