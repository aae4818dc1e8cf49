package dev.lem.lead;

/** No lead with this id. */
public class LeadNotFoundException extends RuntimeException {
    public LeadNotFoundException(LeadId id) {
        super("no lead " + id);
    }
}
