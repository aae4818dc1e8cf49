/** A port for small text objects (model versions); the S3 adapter is in {@code dev.lem.blob.aws}. */
package dev.lem.blob;
