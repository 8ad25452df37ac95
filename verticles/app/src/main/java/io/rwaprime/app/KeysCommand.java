package io.rwaprime.app;

import io.rwaprime.common.auth.SigningKeys;
import io.rwaprime.common.config.RwaConfig;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;

/**
 * {@code keys rotate [--dir DIR]} — adds a new RS256 signing key that becomes the current one at the next start of
 * each api process; older keys keep verifying until their files are deleted.
 */
@Command(name = "keys", mixinStandardHelpOptions = true, description = "Manage the JWT signing keys.",
    subcommands = {KeysCommand.Rotate.class})
final class KeysCommand implements Runnable {

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "name a subcommand, e.g. keys rotate");
  }

  @Command(name = "rotate", mixinStandardHelpOptions = true,
      description = "Create a new RSA-2048 signing key in the keys folder (default: api.auth.keys-dir); it signs new "
          + "tokens after the next restart. Delete an old jwt-<kid>.pem 15 minutes after every process restarted.")
  static final class Rotate implements Callable<Integer> {

    @Option(names = "--dir", paramLabel = "DIR", description = "The keys folder (default: api.auth.keys-dir).")
    Path dir;

    @CommandLine.Mixin
    ConfigOptions configOptions = new ConfigOptions();

    @Override
    public Integer call() {
      Path target = dir;
      if (target == null) {
        RwaConfig cfg = configOptions.load();
        if (cfg == null) {
          return RunCommand.EXIT_CONFIG;
        }
        target = cfg.api().auth().keysDir();
      }
      String kid = SigningKeys.rotate(target, Clock.systemUTC());
      System.out.println("{\"kid\": \"" + kid + "\", \"dir\": \"" + target.toAbsolutePath().toString().replace("\"", "\\\"") + "\"}");
      return 0;
    }
  }
}
