package io.rwaprime.testkit;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the repository's web3 test material lies. Test JVMs run in a module's folder (Maven sets the working
 * directory to the module), so the repository root is found by walking up from the working directory until
 * {@code web3/contracts/package.json} exists.
 */
final class RepoLayout {

  private static final Path MARKER = Path.of("web3", "contracts", "package.json");

  private RepoLayout() {}

  /** @return the repository root, the nearest folder at or above the working directory that holds the marker */
  static Path root() {
    Path start = Path.of(System.getProperty("user.dir")).toAbsolutePath().normalize();
    for (Path dir = start; dir != null; dir = dir.getParent()) {
      if (Files.isRegularFile(dir.resolve(MARKER))) {
        return dir;
      }
    }
    throw new IllegalStateException("no " + MARKER + " in " + start + " or any folder above it; run the tests from"
        + " inside the rwa-prime repository");
  }

  /** @return {@code web3/contracts}: the Solidity sources, package.json and (after {@code npm ci}) node_modules */
  static Path contractsProject() {
    return root().resolve("web3").resolve("contracts");
  }

  /** @return {@code web3/src/main/resources/io/rwaprime/web3/contracts}: the committed ABI and bytecode ({@code .abi}, {@code .bin}) */
  static Path compiledContracts() {
    return root().resolve("web3").resolve("src").resolve("main").resolve("resources").resolve("io").resolve("rwaprime")
        .resolve("web3").resolve("contracts");
  }
}
