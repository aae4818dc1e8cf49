package dev.lem.local;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Boundaries across every module on this classpath (shared, all six functions, local): domain code is
 * free of AWS SDK and Lambda types; only adapters ({@code ..aws..}, {@code dev.lem.store..}),
 * handlers ({@code ..lambda..}), the engines and {@code lem up} may touch them.
 */
class ArchitectureTest {

    private static final String[] ADAPTERS = {"..aws..", "..lambda..", "dev.lem.store..", "dev.lem.testing..", "dev.lem.local.."};
    private static JavaClasses lem;

    @BeforeAll
    static void importClasses() {
        lem = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("dev.lem", "com.amazonaws.services.lambda.runtime");
    }

    @Test
    void domain_whenImportingAllModules_dependsOnNoAwsSdkOrLambdaTypes() {
        noClasses().that().resideInAPackage("dev.lem..").and().resideOutsideOfPackages(ADAPTERS)
                .should().dependOnClassesThat().resideInAnyPackage("software.amazon.awssdk..", "com.amazonaws..")
                .check(lem);
    }

    @Test
    void handlers_whenImportingAllModules_liveInLambdaPackages() {
        classes().that().haveSimpleNameEndingWith("Handler").and().resideInAPackage("dev.lem..")
                .and().resideOutsideOfPackage("dev.lem.local..")
                .should().resideInAPackage("..lambda..")
                .andShould().implement("com.amazonaws.services.lambda.runtime.RequestHandler")
                .orShould().implement("com.amazonaws.services.lambda.runtime.RequestStreamHandler")
                .check(lem);
    }

    /** Every Lambda handler is metered (one EMF line per invocation) and its function is one the cost report reads. */
    @Test
    void handlers_whenImportingAllModules_areMeteredUnderAFunctionTheCostReportReads() {
        var handlers = lem.stream()
                .filter(c -> c.getPackageName().endsWith(".lambda") && !c.getPackageName().equals("dev.lem.lambda"))
                .filter(c -> c.isAssignableTo("com.amazonaws.services.lambda.runtime.RequestHandler")
                        || c.isAssignableTo("com.amazonaws.services.lambda.runtime.RequestStreamHandler"))
                .filter(c -> !c.getModifiers().contains(com.tngtech.archunit.core.domain.JavaModifier.ABSTRACT))
                .toList();

        org.assertj.core.api.Assertions.assertThat(handlers).hasSizeGreaterThanOrEqualTo(12).allSatisfy(handler -> {
            org.assertj.core.api.Assertions.assertThat(handler.isAssignableTo(dev.lem.lambda.MeteredRequestHandler.class)
                    || handler.isAssignableTo(dev.lem.lambda.MeteredStreamHandler.class)).as(handler.getName()).isTrue();
            org.assertj.core.api.Assertions.assertThat(dev.lem.cost.MeteredFunctions.ALL).as(handler.getName())
                    .contains(dev.lem.lambda.InvocationMetering.functionOf(handler.reflect()));
        });
    }

    @Test
    void domain_whenImportingAllModules_neverReadsTheEnvironmentDirectly() {
        noClasses().that().resideInAPackage("dev.lem..").and().doNotHaveFullyQualifiedName("dev.lem.config.Env")
                .should().callMethod(System.class, "getenv")
                .orShould().callMethod(System.class, "getenv", String.class)
                .check(lem);
    }

    @Test
    void allModules_whenImported_areActuallyOnTheClasspath() {
        org.assertj.core.api.Assertions.assertThat(lem.stream().map(c -> c.getPackageName()).distinct())
                .contains("dev.lem.capture", "dev.lem.tracking", "dev.lem.scoring", "dev.lem.routing", "dev.lem.drip",
                        "dev.lem.notify", "dev.lem.lead", "dev.lem.events");
    }
}
