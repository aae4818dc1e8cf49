package dev.lem.infra;

/** The cdk-nag findings LEM accepts, each with its reason. Filled in from a first synth. */
final class NagFindings {

    private NagFindings() {}

    static void suppressJustified(LemStack stack) {
    }
}
