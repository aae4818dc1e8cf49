package dev.lem.predict;

import java.util.List;

/**
 * Gradient-boosted regression trees on the log-odds: {@code logit = base + Σ tree(x)}. A feature's contribution is
 * the sum of the value changes along each tree's path at the splits on that feature (Saabas' path attribution).
 */
public record TreeEnsemble(double base, int width, List<Tree> trees) implements Scorer {

    public TreeEnsemble {
        trees = List.copyOf(trees);
    }

    @Override
    public double logit(double[] features) {
        double z = base;
        for (Tree tree : trees) {
            z += tree.value()[tree.leaf(features)];
        }
        return z;
    }

    @Override
    public void contributions(double[] features, double[] contributions) {
        for (Tree tree : trees) {
            int node = 0;
            while (tree.feature()[node] >= 0) {
                int next = features[tree.feature()[node]] <= tree.threshold()[node] ? tree.left()[node] : tree.right()[node];
                contributions[tree.feature()[node]] += tree.value()[next] - tree.value()[node];
                node = next;
            }
        }
    }

    /**
     * One tree in flat arrays; node 0 is the root. An inner node splits on {@code feature[n] >= 0}: values
     * {@code <= threshold[n]} go to {@code left[n]}, others to {@code right[n]}. A leaf has {@code feature[n] = -1}.
     * {@code value[n]} is the node's output (for inner nodes: the weighted mean of its leaves, used for attribution).
     */
    public record Tree(int[] feature, double[] threshold, int[] left, int[] right, double[] value) {

        public Tree {
            int n = feature.length;
            if (threshold.length != n || left.length != n || right.length != n || value.length != n || n == 0) {
                throw new IllegalArgumentException("a tree's arrays must be non-empty and of one length");
            }
            for (int i = 0; i < n; i++) {
                if (feature[i] >= 0 && (left[i] <= i || right[i] <= i || left[i] >= n || right[i] >= n)) {
                    throw new IllegalArgumentException("tree node " + i + " has children out of order");
                }
            }
        }

        int leaf(double[] features) {
            int node = 0;
            while (feature[node] >= 0) {
                node = features[feature[node]] <= threshold[node] ? left[node] : right[node];
            }
            return node;
        }
    }
}
