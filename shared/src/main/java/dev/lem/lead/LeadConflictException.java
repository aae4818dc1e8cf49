package dev.lem.lead;

/** A conditional write lost a race: another writer created or changed the lead first. Retry after a re-read. */
public class LeadConflictException extends RuntimeException {
    public LeadConflictException(String message) {
        super(message);
    }
}
