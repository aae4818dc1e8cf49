package dev.lem.predict;

/** Logistic regression: {@code logit = bias + Σ weight_i · x_i}; feature i contributes {@code weight_i · x_i}. */
public record LinearScorer(double bias, double[] weights) implements Scorer {

    public LinearScorer {
        weights = weights.clone();
    }

    @Override
    public double logit(double[] features) {
        double z = bias;
        for (int i = 0; i < weights.length; i++) {
            z += weights[i] * features[i];
        }
        return z;
    }

    @Override
    public void contributions(double[] features, double[] contributions) {
        for (int i = 0; i < weights.length; i++) {
            contributions[i] += weights[i] * features[i];
        }
    }

    @Override
    public int width() {
        return weights.length;
    }

    @Override
    public double[] weights() {
        return weights.clone();
    }
}
