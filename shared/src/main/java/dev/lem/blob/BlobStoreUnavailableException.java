package dev.lem.blob;

/** The object store could not be reached or failed on its side: retry later. */
public final class BlobStoreUnavailableException extends RuntimeException {

    public BlobStoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
