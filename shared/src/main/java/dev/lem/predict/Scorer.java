package dev.lem.predict;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/** A model family at inference time: raw log-odds for a feature vector, and each feature's share of them. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "family")
@JsonSubTypes({
        @JsonSubTypes.Type(value = LinearScorer.class, name = "logistic-regression"),
        @JsonSubTypes.Type(value = TreeEnsemble.class, name = "boosted-trees")})
public sealed interface Scorer permits LinearScorer, TreeEnsemble {

    double logit(double[] features);

    /** Adds each feature's contribution to the log-odds into {@code contributions} (same length as features). */
    void contributions(double[] features, double[] contributions);

    /** The number of features this scorer reads. */
    int width();
}
