package dev.lem.local;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Files only the current user may read ({@code .lem/}: keys, the admin token, schedules), written
 * whole: to a temporary file with mode 600, then moved into place, so a crash never leaves half a file.
 */
public final class PrivateFiles {
    private PrivateFiles() {}

    /** Creates the directory with mode 700, or narrows an existing one to 700. */
    public static Path directory(Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            if (posix(dir)) {
                Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
            }
            return dir;
        }
        try {
            if (posix(dir.toAbsolutePath().getParent())) {
                return Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            }
            return Files.createDirectories(dir);
        } catch (FileAlreadyExistsException raced) {
            return dir;
        }
    }

    /** Creates an empty file with mode 600 unless it exists (an existing one is narrowed to 600). */
    public static Path createIfMissing(Path file) throws IOException {
        boolean posix = posix(file.toAbsolutePath().getParent());
        try {
            return posix ? Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))
                    : Files.createFile(file);
        } catch (FileAlreadyExistsException exists) {
            if (posix) {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            }
            return file;
        }
    }

    /** Appends text to a file created with mode 600 when missing. */
    public static void append(Path file, String content) throws IOException {
        createIfMissing(file);
        Files.writeString(file, content, StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.APPEND);
    }

    public static void write(Path file, String content) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Path temp = posix(dir)
                ? Files.createTempFile(dir, file.getFileName().toString(), ".tmp",
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))
                : Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
        try {
            Files.writeString(temp, content, StandardCharsets.UTF_8);
            try {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private static boolean posix(Path dir) {
        return dir != null && dir.getFileSystem().supportedFileAttributeViews().contains("posix");
    }
}
