package parley.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The boundaries of the hexagon. Maven module dependencies already refuse most forbidden imports;
 * these rules also catch what a transitive dependency would let through.
 */
@AnalyzeClasses(packages = "parley", importOptions = ImportOption.DoNotIncludeTests.class)
class HexagonRulesTest {

    @ArchTest
    static final ArchRule domainDependsOnTheJdkOnly = classes()
            .that().resideInAPackage("parley.domain..")
            .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "parley.domain..")
            .because("the domain is plain Java: no framework, no Reactor, no library");

    @ArchTest
    static final ArchRule applicationDependsOnDomainAndReactorCoreOnly = classes()
            .that().resideInAPackage("parley.application..")
            .should().onlyDependOnClassesThat().resideInAnyPackage(
                    "java..", "parley.domain..", "parley.application..", "reactor.core..", "org.reactivestreams..")
            .because("use cases must not know Spring, R2DBC, Kafka, Redis, Netty or Jackson");

    @ArchTest
    static final ArchRule adaptersDoNotDependOnEachOther = slices()
            .matching("parley.adapter.(*).(*)..")
            .should().notDependOnEachOther()
            .because("adapters meet only through the application's ports (the Kafka wire contract lives in parley.contract.kafka)");

    @ArchTest
    static final ArchRule layersAreRespected = layeredArchitecture()
            .consideringOnlyDependenciesInLayers()
            .layer("Domain").definedBy("parley.domain..")
            .layer("Application").definedBy("parley.application..")
            .layer("Contracts").definedBy("parley.contract..")
            .layer("Adapters").definedBy("parley.adapter..")
            .layer("Boot").definedBy("parley.boot..")
            .whereLayer("Boot").mayNotBeAccessedByAnyLayer()
            .whereLayer("Adapters").mayOnlyBeAccessedByLayers("Boot")
            .whereLayer("Contracts").mayOnlyBeAccessedByLayers("Adapters", "Boot")
            // the Kafka wire contract knows the domain only (kafka-contract/pom.xml depends on domain alone)
            .whereLayer("Application").mayOnlyBeAccessedByLayers("Adapters", "Boot")
            .whereLayer("Domain").mayOnlyBeAccessedByLayers("Application", "Contracts", "Adapters", "Boot");

    @ArchTest
    static final ArchRule incomingPortsDoNotKnowOutgoingPorts = noClasses()
            .that().resideInAPackage("parley.application.port.in..")
            .should().dependOnClassesThat().resideInAPackage("parley.application.port.out..")
            .because("a use case's callers must not see what it is built on; shared value types live in parley.application.model");

    @ArchTest
    static final ArchRule outgoingPortsDoNotKnowIncomingPorts = noClasses()
            .that().resideInAPackage("parley.application.port.out..")
            .should().dependOnClassesThat().resideInAPackage("parley.application.port.in..");

    @ArchTest
    static final ArchRule modelTypesKnowNoPort = noClasses()
            .that().resideInAPackage("parley.application.model..")
            .should().dependOnClassesThat().resideInAPackage("parley.application.port..")
            .because("the model is what both sides of the ports speak");

    @ArchTest
    static final ArchRule portImplementationsAreNotPublic = classes()
            .that().resideInAPackage("parley.adapter..")
            .and().implement(JavaClass.Predicates.resideInAPackage("parley.application.port.."))
            .should().notBePublic()
            .because("an adapter is reached through its port, never by name");

    @ArchTest
    static final ArchRule drivenAdaptersInAnInAdapterAreMarked = classes()
            .that().resideInAPackage("parley.adapter.in..")
            .and().implement(JavaClass.Predicates.resideInAPackage("parley.application.port.out.."))
            .should().beAnnotatedWith("parley.adapter.in.web.DrivenAdapter")
            .because("a module named 'in' that also holds driven adapters must say which they are");

    @ArchTest
    static final ArchRule incomingPortsAreUseCasesOrQueries = classes()
            .that().resideInAPackage("parley.application.port.in..").and().areInterfaces()
            .should().haveSimpleNameEndingWith("UseCase").orShould().haveSimpleNameEndingWith("Query");

    @ArchTest
    static final ArchRule servicesImplementIncomingPortsAndAreNamedSo = classes()
            .that().resideInAPackage("parley.application.service..")
            .and().implement(JavaClass.Predicates.resideInAPackage("parley.application.port.in.."))
            .should().haveSimpleNameEndingWith("Service");

    @ArchTest
    static final ArchRule onlyBootModulesConfigureSpring = classes()
            .that().areMetaAnnotatedWith("org.springframework.context.annotation.Configuration")
            .should().resideInAPackage("parley.boot..")
            .because("adapters are plain beans; boot modules alone decide what is wired (@SpringBootApplication, @Configuration)");

    @ArchTest
    static final ArchRule nothingBlocksOutsideMain = noClasses()
            .that().resideInAPackage("parley..")
            .should(BlockingCalls.callBlockingReactorMethodsOutsideMain())
            .because("a blocked event-loop thread stalls every socket it serves");
}
