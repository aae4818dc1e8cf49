package dev.lem.infra;

import dev.lem.config.EnvNames;
import java.util.EnumMap;
import java.util.Map;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.iam.IGrantable;
import software.amazon.awscdk.services.secretsmanager.Secret;
import software.amazon.awscdk.services.secretsmanager.SecretStringGenerator;
import software.constructs.Construct;

/**
 * The HMAC keys (identity, tracking, form token), each a Secrets Manager secret generated at deploy time, so no key is ever a literal in
 * the template or in a function's environment. Functions get the secret's ARN in
 * {@link Purpose#envName()} and read it at cold start.
 *
 * <p>The generated value is 64 characters of letters and digits: valid base64 that decodes to 48 bytes,
 * which is what {@code dev.lem.config.Env#requiredKey} accepts. Secrets are retained: a new identity key
 * would orphan every stored identity hash, so no key is rotated automatically (a new form-token key only
 * invalidates the form tokens and confirmation links issued before it).
 */
public final class HmacKeys extends Construct {

    /** What a key signs. */
    public enum Purpose {
        /** HMAC of normalised emails: the identity index (DESIGN §3). */
        IDENTITY(EnvNames.IDENTITY_KEY_SECRET_ARN, "identity"),
        /** Signs tracking links and tokens. */
        TRACKING(EnvNames.TRACKING_KEY_SECRET_ARN, "tracking"),
        /** Signs form tokens ({@code GET /f/{formId}/token}) and double opt-in confirmation links. */
        FORM_TOKEN(EnvNames.FORM_TOKEN_KEY_SECRET_ARN, "form-token");

        private final String envName;
        private final String label;

        Purpose(String envName, String label) {
            this.envName = envName;
            this.label = label;
        }

        /** The environment variable holding the secret's ARN ({@code EnvNames}). */
        public String envName() {
            return envName;
        }
    }

    private final Map<Purpose, Secret> secrets = new EnumMap<>(Purpose.class);

    public HmacKeys(Construct scope, String id) {
        super(scope, id);
        for (Purpose purpose : Purpose.values()) {
            secrets.put(purpose, Secret.Builder.create(this, Ids.pascal(purpose.label) + "Key")
                    .description("LEM " + purpose.label + " HMAC key (base64, 48 bytes)")
                    .generateSecretString(SecretStringGenerator.builder()
                            .passwordLength(64)
                            .excludePunctuation(true)
                            .includeSpace(false)
                            .build())
                    .removalPolicy(RemovalPolicy.RETAIN)
                    .build());
        }
    }

    public Secret secret(Purpose purpose) {
        return secrets.get(purpose);
    }

    /** Read access to one key: {@code secretsmanager:GetSecretValue} and {@code DescribeSecret} on it only. */
    public void grantRead(Purpose purpose, IGrantable grantee) {
        secrets.get(purpose).grantRead(grantee);
    }
}
