package dev.lem.training;

import dev.lem.predict.LinearScorer;

/**
 * L2-regularised logistic regression fitted by Newton's method (iteratively reweighted least squares). Hand-written
 * on purpose: with tens of features the Hessian is tiny, Newton converges in a handful of exact steps without a
 * learning rate to tune, and the scoring jar needs only the weights — a library (Smile, Tribuo, …) would add
 * megabytes to the training jar for forty lines of arithmetic. The intercept is not penalised.
 */
final class LogisticTrainer {

    private static final int MAX_ITERATIONS = 50;
    private static final double TOLERANCE = 1e-8;

    private LogisticTrainer() {}

    static LinearScorer fit(TrainingData.Rows rows, double l2) {
        return fit(rows, l2, null);
    }

    /** With per-row weights ({@code null}: all 1). */
    static LinearScorer fit(TrainingData.Rows rows, double l2, double[] rowWeights) {
        int d = rows.x().length == 0 ? 0 : rows.x()[0].length;
        int p = d + 1; // parameter 0 is the intercept
        double[] beta = new double[p];
        for (int iteration = 0; iteration < MAX_ITERATIONS; iteration++) {
            double[] gradient = new double[p];
            double[][] hessian = new double[p][p];
            for (int r = 0; r < rows.size(); r++) {
                double[] x = rows.x()[r];
                double z = beta[0];
                for (int j = 0; j < d; j++) {
                    z += beta[j + 1] * x[j];
                }
                double mu = dev.lem.predict.Logistic.sigmoid(z);
                double weight = rowWeights == null ? 1 : rowWeights[r];
                double residual = weight * (mu - rows.y()[r]);
                double w = weight * Math.max(mu * (1 - mu), 1e-10);
                gradient[0] += residual;
                hessian[0][0] += w;
                for (int j = 0; j < d; j++) {
                    double xj = x[j];
                    if (xj == 0) {
                        continue;
                    }
                    gradient[j + 1] += residual * xj;
                    double wxj = w * xj;
                    hessian[0][j + 1] += wxj;
                    for (int k = j; k < d; k++) {
                        hessian[j + 1][k + 1] += wxj * x[k];
                    }
                }
            }
            for (int j = 1; j < p; j++) {
                gradient[j] += l2 * beta[j];
                hessian[j][j] += l2;
            }
            for (int j = 0; j < p; j++) {
                for (int k = 0; k < j; k++) {
                    hessian[j][k] = hessian[k][j];
                }
                hessian[j][j] += 1e-9;
            }
            double[] step = Cholesky.solve(hessian, gradient);
            double change = 0;
            for (int j = 0; j < p; j++) {
                beta[j] -= step[j];
                change = Math.max(change, Math.abs(step[j]));
            }
            if (change < TOLERANCE) {
                break;
            }
        }
        double[] weights = new double[d];
        System.arraycopy(beta, 1, weights, 0, d);
        return new LinearScorer(beta[0], weights);
    }
}
