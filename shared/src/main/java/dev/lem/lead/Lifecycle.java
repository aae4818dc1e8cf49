package dev.lem.lead;

import static dev.lem.lead.LeadState.ANONYMOUS;
import static dev.lem.lead.LeadState.CUSTOMER;
import static dev.lem.lead.LeadState.DISQUALIFIED;
import static dev.lem.lead.LeadState.LEAD;
import static dev.lem.lead.LeadState.MQL;
import static dev.lem.lead.LeadState.RE_MARKET;
import static dev.lem.lead.LeadState.SQL;
import static dev.lem.lead.LeadState.SUBSCRIBER;
import static dev.lem.lead.LeadState.UNREACHABLE;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * The lifecycle's allowed moves (DESIGN §5): forward along anonymous → subscriber → lead → MQL → SQL →
 * customer, out to disqualified, re-market or unreachable, and back (SQL → re-market → MQL, customer → lead
 * for another product, disqualified or unreachable → re-market). Nothing moves to anonymous, nothing to itself.
 */
public final class Lifecycle {

    private static final Map<LeadState, Set<LeadState>> ALLOWED = Map.of(
            ANONYMOUS, EnumSet.of(SUBSCRIBER, LEAD, MQL),
            SUBSCRIBER, EnumSet.of(LEAD, MQL, DISQUALIFIED, UNREACHABLE),
            LEAD, EnumSet.of(MQL, DISQUALIFIED, RE_MARKET, UNREACHABLE),
            MQL, EnumSet.of(SQL, RE_MARKET, DISQUALIFIED, UNREACHABLE),
            SQL, EnumSet.of(CUSTOMER, RE_MARKET, DISQUALIFIED, UNREACHABLE),
            CUSTOMER, EnumSet.of(LEAD, MQL, UNREACHABLE),
            DISQUALIFIED, EnumSet.of(RE_MARKET, LEAD),
            RE_MARKET, EnumSet.of(MQL, LEAD, DISQUALIFIED, UNREACHABLE),
            UNREACHABLE, EnumSet.of(RE_MARKET, LEAD));

    /** States a lead is in while sales owes it a reaction: entering one starts an SLA timer. */
    public static final Set<LeadState> WITH_SLA = EnumSet.of(MQL, SQL);

    /** States the score moves a lead out of when it reaches the MQL threshold. */
    public static final Set<LeadState> SCORE_PROMOTES = EnumSet.of(ANONYMOUS, SUBSCRIBER, LEAD, RE_MARKET);

    private Lifecycle() {}

    public static boolean allows(LeadState from, LeadState to) {
        return ALLOWED.get(from).contains(to);
    }

    /** @throws IllegalTransitionException when the move is not allowed, or a disqualification has no reason */
    public static void requireAllowed(LeadState from, LeadState to, String reason) {
        if (!allows(from, to)) {
            throw new IllegalTransitionException("a lead cannot move from " + from.wireName() + " to " + to.wireName());
        }
        if (to == DISQUALIFIED && (reason == null || reason.isBlank())) {
            throw new IllegalTransitionException("disqualifying a lead needs a reason");
        }
    }
}
