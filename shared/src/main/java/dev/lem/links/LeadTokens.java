package dev.lem.links;

import dev.lem.lead.LeadId;
import java.util.Optional;

/**
 * A signed lead token, {@code {leadId}.{sign(LEAD, leadId)}}: tracking appends it to a click's redirect
 * as {@code lem_lt} so that {@code lem.js} can attribute the visit's page views to the lead who clicked.
 * It proves only that the lead's email link was followed, so it attributes activity and nothing more.
 */
public final class LeadTokens {

    /** The kind signed into lead tokens. */
    public static final String LEAD = "lead";
    /** The query parameter the click redirect carries the token in. */
    public static final String PARAMETER = "lem_lt";

    private final LinkSigner signer;

    public LeadTokens(LinkSigner signer) {
        this.signer = signer;
    }

    public String issue(LeadId leadId) {
        return leadId.value() + "." + signer.sign(LEAD, leadId.value());
    }

    /** The lead the token names, when its signature verifies. */
    public Optional<LeadId> verify(String token) {
        if (token == null || token.length() > 100) {
            return Optional.empty();
        }
        int dot = token.indexOf('.');
        if (dot < 0) {
            return Optional.empty();
        }
        String lead = token.substring(0, dot);
        if (!LeadId.isValid(lead) || !signer.verify(token.substring(dot + 1), LEAD, lead)) {
            return Optional.empty();
        }
        return Optional.of(new LeadId(lead));
    }
}
