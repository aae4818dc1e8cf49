package dev.lem.training;

import dev.lem.predict.ModelRegistry;
import dev.lem.predict.PredictiveModel;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/**
 * Model versions as files: {@code <dir>/<version>.json}, and {@code <dir>/current} naming the current version.
 * Each file is written to a temporary name and moved into place, so a crash never leaves a half-written model.
 */
public final class FileModelRegistry implements ModelRegistry {

    private final Path directory;

    public FileModelRegistry(Path directory) {
        this.directory = directory;
    }

    @Override
    public Optional<PredictiveModel> current() {
        Path pointer = directory.resolve("current");
        try {
            if (!Files.exists(pointer)) {
                return Optional.empty();
            }
            String version = Files.readString(pointer, StandardCharsets.UTF_8).strip();
            return Optional.of(PredictiveModel.fromJson(Files.readString(modelFile(version), StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the current model in " + directory, e);
        }
    }

    @Override
    public void publish(PredictiveModel model) {
        try {
            Files.createDirectories(directory);
            write(modelFile(model.version()), model.toJson());
            write(directory.resolve("current"), model.version() + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot publish model " + model.version() + " in " + directory, e);
        }
    }

    private Path modelFile(String version) {
        if (!version.matches("[A-Za-z0-9._-]{1,100}")) {
            throw new IllegalArgumentException("model version '" + version + "' is not a safe file name");
        }
        return directory.resolve(version + ".json");
    }

    private void write(Path target, String content) throws IOException {
        Path temporary = Files.createTempFile(directory, ".model", ".tmp");
        Files.writeString(temporary, content, StandardCharsets.UTF_8);
        Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
