package dev.lem.infra.template;

import dev.lem.config.FunctionName;
import dev.lem.infra.LemApp;
import dev.lem.infra.LemStack;
import dev.lem.infra.LemStackConfig;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import software.amazon.awscdk.App;
import software.amazon.awscdk.CfnElement;
import software.amazon.awscdk.assertions.Annotations;
import software.amazon.awscdk.assertions.Template;
import software.constructs.IConstruct;

/**
 * The stack, synthesized once per JVM (surefire runs every template test class in one fork), with the
 * function jars replaced by small dummy jars in a temporary asset root, so these tests do not need the
 * function modules built.
 */
final class SynthesizedStack {

    private static final class Holder {
        static final SynthesizedStack INSTANCE = synthesize();
    }

    static final String POSTAL_ADDRESS = "LEM Example Ltd, 1 Sample Street, Dublin D01 X2Y3, Ireland";
    static final List<String> ORIGINS = List.of("https://www.example.com", "https://shop.example.com");
    static final int BUDGET_USD = 50;
    /** Defaults, plus the optional settings the tests check (postal address, origins, budget). */
    private static final java.util.function.Function<Path, LemStackConfig> CONFIG = root -> LemStackConfig.withAssetRoot(root)
            .withPostalAddress(POSTAL_ADDRESS).withAllowedOrigins(ORIGINS).withMonthlyBudgetUsd(BUDGET_USD);

    final LemStack stack;
    final Template template;
    final Annotations annotations;

    private SynthesizedStack(LemStack stack, Template template, Annotations annotations) {
        this.stack = stack;
        this.template = template;
        this.annotations = annotations;
    }

    static SynthesizedStack get() {
        return Holder.INSTANCE;
    }

    /** The logical id CloudFormation knows {@code construct} by (its default child's). */
    String logicalId(IConstruct construct) {
        IConstruct element = construct instanceof CfnElement ? construct : construct.getNode().getDefaultChild();
        return String.valueOf(stack.resolve(stack.getLogicalId((CfnElement) element)));
    }

    /** Resources of one type, by logical id; each value is the resource ({@code Type}, {@code Properties}…). */
    Map<String, Map<String, Object>> resources(String type) {
        return template.findResources(type);
    }

    private static SynthesizedStack synthesize() {
        try {
            Path root = tempRoot();
            Path assetRoot = dummyAssetRoot(root);
            App app = App.Builder.create().outdir(root.resolve("cdk.out").toString()).build();
            LemStack stack = LemApp.createStack(app, CONFIG.apply(assetRoot));
            Template template = Template.fromStack(stack);
            Annotations annotations = Annotations.fromStack(stack);
            return new SynthesizedStack(stack, template, annotations);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not prepare the asset root for synthesis", e);
        }
    }

    /** A temporary folder, deleted when the JVM exits. */
    static Path tempRoot() throws IOException {
        Path root = Files.createTempDirectory("lem-template-tests");
        deleteOnExit(root);
        return root;
    }

    /** {@code root/repo} with a dummy jar per function where the stack looks for the real ones. */
    static Path dummyAssetRoot(Path root) throws IOException {
        Path assetRoot = root.resolve("repo");
        for (FunctionName name : FunctionName.values()) {
            writeDummyJar(assetRoot.resolve(name.jarPath()), name);
        }
        writeDummyJar(assetRoot.resolve(dev.lem.infra.PredictiveTraining.JAR), "training", "the training handlers");
        return assetRoot;
    }

    /** Every policy statement anywhere in the template (identity, resource, key and trust policies). */
    List<Map<String, Object>> allStatements() {
        List<Map<String, Object>> statements = new java.util.ArrayList<>();
        collectStatements(template.toJSON(), statements);
        return statements;
    }

    private static void collectStatements(Object node, List<Map<String, Object>> out) {
        if (node instanceof Map<?, ?> map) {
            Object statement = map.get("Statement");
            if (statement != null && map.containsKey("Version")) {
                Cfn.list(statement).forEach(s -> out.add(Cfn.map(s)));
            }
            map.values().forEach(v -> collectStatements(v, out));
        } else if (node instanceof List<?> list) {
            list.forEach(v -> collectStatements(v, out));
        }
    }

    /** A valid zip with one text entry: Lambda's asset packaging only needs a readable jar. */
    private static void writeDummyJar(Path jar, FunctionName name) throws IOException {
        writeDummyJar(jar, name.id(), name.handler());
    }

    private static void writeDummyJar(Path jar, String id, String handler) throws IOException {
        Files.createDirectories(jar.getParent());
        try (OutputStream out = Files.newOutputStream(jar); ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry("dummy-" + id + ".txt"));
            zip.write(("template-test stand-in for " + handler).getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        }
    }

    private static void deleteOnExit(Path root) {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try (Stream<Path> paths = Files.walk(root)) {
                List<Path> all = paths.sorted(Comparator.reverseOrder()).toList();
                for (Path p : all) {
                    Files.deleteIfExists(p);
                }
            } catch (IOException ignored) {
                // best effort: a temp folder left behind is harmless
            }
        }));
    }
}
