package io.priceengine.http;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import io.priceengine.engine.Engine;
import io.priceengine.persistence.PriceStore;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The house rules of the code base, checked on the product's classes (the three modules in the
 * engine jar, no test code): modules depend one way, no package loops inside a module, and no
 * benchmark code in the product.
 */
class ArchitectureTest {
  private static final String ENGINE = "io.priceengine.engine..";
  private static final String PERSISTENCE = "io.priceengine.persistence..";
  private static final String HTTP = "io.priceengine.http..";

  private static final Pattern TEST_JAR = Pattern.compile(".*-tests\\.jar.*");

  private static JavaClasses product;

  /** Test jars of other modules (persistence's, once packaged) hold test code too. */
  private static final class DoNotIncludeTestJars implements ImportOption {
    @Override
    public boolean includes(Location location) {
      return !location.matches(TEST_JAR);
    }
  }

  @BeforeAll
  static void importProduct() {
    product =
        new ClassFileImporter()
            .withImportOption(new ImportOption.DoNotIncludeTests())
            .withImportOption(new DoNotIncludeTestJars())
            .importPackages("io.priceengine");
    // guards against a rule that passes because it saw nothing
    for (Class<?> entry : List.of(Engine.class, PriceStore.class, PriceEngine.class)) {
      assertTrue(product.contain(entry), entry + " was not imported");
    }
    assertTrue(product.stream().noneMatch(c -> c.getSimpleName().endsWith("Test")));
  }

  @Test
  void modulesDependOneWayHttpOnPersistenceOnEngine() {
    layeredArchitecture()
        .consideringOnlyDependenciesInLayers()
        .layer("engine")
        .definedBy(ENGINE)
        .layer("persistence")
        .definedBy(PERSISTENCE)
        .layer("http-api")
        .definedBy(HTTP)
        .whereLayer("http-api")
        .mayNotBeAccessedByAnyLayer()
        .whereLayer("persistence")
        .mayOnlyBeAccessedByLayers("http-api")
        .whereLayer("engine")
        .mayOnlyBeAccessedByLayers("persistence", "http-api")
        .check(product);
  }

  @Test
  void engineKnowsNothingOfSqlOrHttp() {
    noClasses()
        .that()
        .resideInAPackage(ENGINE)
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(PERSISTENCE, HTTP)
        .check(product);
    noClasses()
        .that()
        .resideInAPackage(PERSISTENCE)
        .should()
        .dependOnClassesThat()
        .resideInAPackage(HTTP)
        .check(product);
  }

  @Test
  void noPackageLoopsInsideAModule() {
    slices().matching("io.priceengine.engine.(*)..").should().beFreeOfCycles().check(product);
    slices().matching("io.priceengine.persistence.(*)..").should().beFreeOfCycles().check(product);
    slices().matching("io.priceengine.http.(*)..").should().beFreeOfCycles().check(product);
  }

  /** The slices above leave out a module's root package; its entry point may only look down. */
  @Test
  void noPackageOfAModuleDependsOnItsRootPackage() {
    for (String root :
        List.of("io.priceengine.engine", "io.priceengine.persistence", "io.priceengine.http")) {
      noClasses()
          .that()
          .resideInAPackage(root + ".*..")
          .should()
          .dependOnClassesThat()
          .resideInAPackage(root)
          .check(product);
    }
  }

  @Test
  void noBenchmarkCodeInTheProduct() {
    noClasses()
        .should()
        .resideInAPackage("..bench..")
        .orShould()
        .dependOnClassesThat()
        .resideInAPackage("io.priceengine.simulations..")
        .check(product);
  }
}
