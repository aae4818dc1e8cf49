package dev.lem;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

/** DESIGN §9.10: the domain is free of AWS SDK and Lambda types; only adapters touch them. */
class ArchitectureTest {

    static final ArchRule DOMAIN_FREE_OF_AWS = noClasses()
            .that().resideInAPackage("dev.lem..")
            .and().resideOutsideOfPackages("..aws..", "dev.lem.store..", "..lambda..")
            .should().dependOnClassesThat().resideInAnyPackage("software.amazon.awssdk..", "com.amazonaws.services.lambda..")
            .because("the domain must stay free of AWS SDK and Lambda types (DESIGN §9.10)");

    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.lem");

    /** Stands for a domain class that leaked an SDK type; used to prove the rule bites. */
    static final class LeakyDomainClass {
        software.amazon.awssdk.services.dynamodb.DynamoDbClient client;
    }

    @Test
    void mainClasses_whenImported_includeDomainAndAdapterPackages() {
        assertThat(MAIN.contain("dev.lem.lead.Lead")).isTrue();
        assertThat(MAIN.contain("dev.lem.config.AwsConfig")).isTrue();
        assertThat(MAIN.contain("dev.lem.store.DynamoDbLeadStore")).isTrue();
        assertThat(MAIN.contain(ArchitectureTest.class.getName())).isFalse();
    }

    @Test
    void domainClasses_whenOutsideAdapterPackages_dependOnNoAwsSdkOrLambdaTypes() {
        DOMAIN_FREE_OF_AWS.check(MAIN);
    }

    @Test
    void rule_whenDomainClassUsesAnSdkType_reportsAViolation() {
        JavaClasses leaky = new ClassFileImporter().importClasses(LeakyDomainClass.class);

        assertThat(DOMAIN_FREE_OF_AWS.evaluate(leaky).hasViolation()).isTrue();
    }

    @Test
    void rule_whenAdapterPackageUsesAnSdkType_allowsIt() {
        JavaClasses adapters = new ClassFileImporter().importClasses(dev.lem.lead.Lead.class,
                dev.lem.store.DynamoDbLeadStore.class, dev.lem.bus.aws.EventBridgeEventBus.class,
                dev.lem.aws.AwsClients.class, dev.lem.schedule.aws.EventBridgeStepScheduler.class);

        assertThat(DOMAIN_FREE_OF_AWS.evaluate(adapters).hasViolation()).isFalse();
    }
}
