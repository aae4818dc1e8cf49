package dev.lem.predict;

/** The logistic function, guarded against overflow. */
public final class Logistic {

    private Logistic() {}

    public static double sigmoid(double z) {
        if (z >= 0) {
            return 1 / (1 + Math.exp(-z));
        }
        double e = Math.exp(z);
        return e / (1 + e);
    }
}
