package dev.lem.blob;

import java.util.Optional;

/** Small text objects by key (model versions and the current-model pointer): an S3 bucket in AWS. */
public interface BlobStore {

    /** The object's content, or empty when there is none under {@code key}. */
    Optional<String> read(String key);

    /** Stores (replaces) the object under {@code key}; a reader sees the old content or the new, never a mix. */
    void write(String key, String content);
}
