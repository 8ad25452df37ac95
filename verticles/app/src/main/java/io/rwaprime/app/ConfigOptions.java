package io.rwaprime.app;

import io.rwaprime.common.config.ConfigException;
import io.rwaprime.common.config.ConfigLoader;
import io.rwaprime.common.config.RwaConfig;
import io.vertx.core.Vertx;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.Optional;

/** The options every command that starts part of the mesh shares: {@code --config} and {@code --profile}. */
final class ConfigOptions {

  @Option(names = "--config", paramLabel = "FILE", description = "YAML file layered over the packaged defaults.")
  Path configFile;

  @Option(names = "--profile", paramLabel = "NAME",
      description = "Configuration profile: dev, test or k8s (default: dev, or RWA_PROFILE).")
  String profile;

  /** Loads and validates the configuration; a problem is printed naming the key, and null is returned. */
  RwaConfig load() {
    Vertx loader = Vertx.vertx();
    try {
      return ConfigLoader.load(loader, ConfigLoader.Sources.ofProcess(Optional.ofNullable(profile),
          Optional.ofNullable(configFile))).await();
    } catch (ConfigException e) {
      System.err.println("rwa-prime: " + e.getMessage());
      return null;
    } finally {
      loader.close();
    }
  }
}
