package dev.lem.blob.aws;

import dev.lem.blob.BlobStore;
import dev.lem.blob.BlobStoreUnavailableException;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * {@link BlobStore} on one S3 bucket: GetObject and PutObject of UTF-8 JSON, nothing else. A missing key is empty;
 * 5xx, throttling and network faults become {@link BlobStoreUnavailableException}; access and validation errors pass.
 */
public final class S3BlobStore implements BlobStore {

    private final S3Client s3;
    private final String bucket;

    public S3BlobStore(S3Client s3, String bucket) {
        this.s3 = s3;
        this.bucket = bucket;
    }

    @Override
    public Optional<String> read(String key) {
        try {
            return Optional.of(s3.getObjectAsBytes(GetObjectRequest.builder().bucket(bucket).key(key).build())
                    .asUtf8String());
        } catch (NoSuchKeyException missing) {
            return Optional.empty();
        } catch (S3Exception e) {
            throw translate("read " + key, e);
        } catch (SdkClientException e) {
            throw new BlobStoreUnavailableException("read " + key + " could not reach S3", e);
        }
    }

    @Override
    public void write(String key, String content) {
        try {
            s3.putObject(PutObjectRequest.builder().bucket(bucket).key(key).contentType("application/json").build(),
                    RequestBody.fromString(content));
        } catch (S3Exception e) {
            throw translate("write " + key, e);
        } catch (SdkClientException e) {
            throw new BlobStoreUnavailableException("write " + key + " could not reach S3", e);
        }
    }

    private static RuntimeException translate(String operation, S3Exception e) {
        if (e.statusCode() >= 500 || e.isThrottlingException()) {
            return new BlobStoreUnavailableException(operation + " failed on the S3 side (" + e.statusCode() + ")", e);
        }
        return e;
    }
}
