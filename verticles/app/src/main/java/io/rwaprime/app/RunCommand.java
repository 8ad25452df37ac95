package io.rwaprime.app;

import io.rwaprime.common.config.RwaConfig;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.List;
import java.util.concurrent.Callable;

/** {@code run}: starts the roles of this process and serves until SIGTERM. */
@Command(name = "run", mixinStandardHelpOptions = true,
    description = "Start the mesh roles of this process (default: all of them, embedded PostgreSQL, simulator).")
final class RunCommand implements Callable<Integer> {

  /** Exit status for a configuration that does not validate (sysexits EX_CONFIG). */
  static final int EXIT_CONFIG = 78;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Option(names = "--roles", paramLabel = "ROLES", split = ",", defaultValue = "all",
      description = "Roles to run, comma-separated, or 'all' (known: ${COMPLETION-CANDIDATES}; default: ${DEFAULT-VALUE}).",
      completionCandidates = Roles.Names.class)
  List<String> roles;

  @Option(names = "--cluster", description = "Join the clustered event bus (Hazelcast members from the configuration).")
  boolean cluster;

  @CommandLine.Mixin
  ConfigOptions configOptions = new ConfigOptions();

  @Option(names = "--http-port", paramLabel = "N", description = "HTTP port (overrides http.port; 0 picks a free port).")
  Integer httpPort;

  @Override
  public Integer call() {
    List<String> selected;
    try {
      selected = Roles.resolve(roles);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
    }
    if (httpPort != null && (httpPort < 0 || httpPort > 65535)) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--http-port must be between 0 and 65535, got " + httpPort);
    }
    RwaConfig cfg = configOptions.load();
    if (cfg == null) {
      return EXIT_CONFIG;
    }
    try {
      for (String role : selected) {
        Roles.get(role).validate(cfg);
      }
    } catch (io.rwaprime.common.config.ConfigException e) {
      System.err.println("rwa-prime: " + e.getMessage());
      return EXIT_CONFIG;
    }
    if (httpPort != null) {
      cfg = cfg.withHttpPort(httpPort);
    }
    if (cluster) {
      cfg = cfg.withCluster(true);
    }
    Logging.configure(cfg.logging());
    return new MeshLauncher(cfg, selected.stream().map(Roles::get).toList()).runUntilStopped();
  }
}
