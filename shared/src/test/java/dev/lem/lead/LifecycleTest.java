package dev.lem.lead;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every pair of states: allowed exactly when listed here (DESIGN §5), forbidden otherwise. */
class LifecycleTest {

    private static final Set<String> ALLOWED = Set.of(
            "anonymous>subscriber", "anonymous>lead", "anonymous>mql",
            "subscriber>lead", "subscriber>mql", "subscriber>disqualified", "subscriber>unreachable",
            "lead>mql", "lead>disqualified", "lead>re-market", "lead>unreachable",
            "mql>sql", "mql>re-market", "mql>disqualified", "mql>unreachable",
            "sql>customer", "sql>re-market", "sql>disqualified", "sql>unreachable",
            "customer>lead", "customer>mql", "customer>unreachable",
            "disqualified>re-market", "disqualified>lead",
            "re-market>mql", "re-market>lead", "re-market>disqualified", "re-market>unreachable",
            "unreachable>re-market", "unreachable>lead");

    static Stream<Arguments> everyPair() {
        List<Arguments> pairs = new ArrayList<>();
        for (LeadState from : LeadState.values()) {
            for (LeadState to : LeadState.values()) {
                pairs.add(Arguments.of(from, to, ALLOWED.contains(from.wireName() + ">" + to.wireName())));
            }
        }
        return pairs.stream();
    }

    @ParameterizedTest(name = "{0} → {1}: {2}")
    @MethodSource("everyPair")
    void allows_forEveryPairOfStates_matchesTheLifecycle(LeadState from, LeadState to, boolean allowed) {
        assertThat(Lifecycle.allows(from, to)).isEqualTo(allowed);
        if (allowed) {
            assertThatCode(() -> Lifecycle.requireAllowed(from, to, "because")).doesNotThrowAnyException();
        } else {
            assertThatThrownBy(() -> Lifecycle.requireAllowed(from, to, "because"))
                    .isInstanceOf(IllegalTransitionException.class)
                    .hasMessage("a lead cannot move from " + from.wireName() + " to " + to.wireName());
        }
    }

    @Test
    void requireAllowed_whenMovingBackThroughReMarket_allowsSqlToReMarketToMql() {
        assertThatCode(() -> {
            Lifecycle.requireAllowed(LeadState.SQL, LeadState.RE_MARKET, "not now");
            Lifecycle.requireAllowed(LeadState.RE_MARKET, LeadState.MQL, "score");
        }).doesNotThrowAnyException();
    }

    @Test
    void requireAllowed_whenDisqualifyingWithoutAReason_refuses() {
        assertThatThrownBy(() -> Lifecycle.requireAllowed(LeadState.MQL, LeadState.DISQUALIFIED, " "))
                .isInstanceOf(IllegalTransitionException.class).hasMessage("disqualifying a lead needs a reason");
        assertThatThrownBy(() -> Lifecycle.requireAllowed(LeadState.MQL, LeadState.DISQUALIFIED, null))
                .isInstanceOf(IllegalTransitionException.class);
    }

    @Test
    void withSla_isMqlAndSql() {
        assertThat(Lifecycle.WITH_SLA).containsExactlyInAnyOrder(LeadState.MQL, LeadState.SQL);
    }
}
