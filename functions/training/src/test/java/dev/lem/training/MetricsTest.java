package dev.lem.training;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class MetricsTest {

    @Test
    void alift_whenFourClientsHandComputed_expectTrapezoidAreaOfCumulativeLift() {
        // best first: yes, no, yes, no → cut points x = 0, .25, .5, .75, 1 with converter shares 0, .5, .5, 1, 1
        // area = .25·(0+.5)/2 + .25·(.5+.5)/2 + .25·(.5+1)/2 + .25·(1+1)/2 = .0625 + .125 + .1875 + .25 = .625
        double alift = Metrics.alift(new double[] {0.9, 0.8, 0.7, 0.1}, new int[] {1, 0, 1, 0});
        assertThat(alift).isCloseTo(0.625, within(1e-12));
    }

    @Test
    void alift_whenMoreThanHundredRows_expectHundredCutsRoundedLikeRminer() {
        // 200 rows, the only converter ranked 3rd: share 0 at cut 1 (2 rows), 1 from cut 2 (4 rows) on
        // area = .01·(0+1)/2 + 98·.01·1 = .005 + .98 = .985
        double[] scores = new double[200];
        int[] y = new int[200];
        for (int i = 0; i < 200; i++) {
            scores[i] = 200 - i;
        }
        y[2] = 1;
        assertThat(Metrics.alift(scores, y)).isCloseTo(0.985, within(1e-12));
    }

    @Test
    void alift_whenPerfectAndWorstOrder_expectNearOneAndNearZero() {
        double[] scores = {4, 3, 2, 1};
        assertThat(Metrics.alift(scores, new int[] {1, 0, 0, 0})).isCloseTo(0.875, within(1e-12));
        assertThat(Metrics.alift(scores, new int[] {0, 0, 0, 1})).isCloseTo(0.125, within(1e-12));
    }

    @Test
    void auc_whenTiedScores_expectHalfCredit() {
        assertThat(Metrics.auc(new double[] {0.9, 0.5, 0.5, 0.1}, new int[] {1, 1, 0, 0})).isCloseTo(0.875, within(1e-12));
        assertThat(Metrics.auc(new double[] {1, 1}, new int[] {1, 0})).isCloseTo(0.5, within(1e-12));
    }

    @Test
    void auc_whenOneClass_expectError() {
        assertThatThrownBy(() -> Metrics.auc(new double[] {1, 2}, new int[] {0, 0}))
                .hasMessageContaining("both classes");
    }

    @Test
    void topHalfShare_whenTwoOfThreeConvertersInBetterHalf_expectTwoThirds() {
        double share = Metrics.topHalfShare(new double[] {6, 5, 4, 3, 2, 1}, new int[] {1, 0, 1, 0, 1, 0});
        assertThat(share).isCloseTo(2.0 / 3, within(1e-12));
    }

    @Test
    void brier_whenHandComputed_expectMeanSquaredError() {
        assertThat(Metrics.brier(new double[] {0.8, 0.2, 0.5}, new int[] {1, 0, 0}))
                .isCloseTo((0.04 + 0.04 + 0.25) / 3, within(1e-12));
    }
}
