package dev.lem.lead;

/**
 * Where a lead came from: the first touch is kept forever, the last touch is replaced by every later submission
 * that carries source information. Either may be null (none known yet).
 */
public record Attribution(Touch firstTouch, Touch lastTouch) {

    public static final Attribution NONE = new Attribution(null, null);

    /** This touch recorded: it becomes the last touch, and the first touch too if there was none. */
    public Attribution with(Touch touch) {
        if (touch == null || !touch.isKnown()) {
            return this;
        }
        return new Attribution(firstTouch == null ? touch : firstTouch, touch);
    }
}
