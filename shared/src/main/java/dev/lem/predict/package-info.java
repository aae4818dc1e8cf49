/**
 * The predictive lead score at inference time: the model format ({@link dev.lem.predict.PredictiveModel}, stored
 * as JSON) and {@link dev.lem.predict.PredictiveModel#predict} — a calibrated probability of conversion and the
 * features that pushed it most. Deliberately small and free of libraries beyond Jackson: the scoring function's
 * jar loads it, and one prediction is a few hundred multiply-adds (well under a millisecond). Training lives in
 * {@code functions/training}.
 */
package dev.lem.predict;
