package io.rwaprime.app;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The command line of the one runnable jar: {@code java -jar rwa-prime.jar <command> [options]}.
 * Usage errors (an unknown option, command or role) exit with status 2; a configuration that does not
 * validate exits with {@link RunCommand#EXIT_CONFIG}.
 */
@Command(name = "rwa-prime",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description = "Real-time analytics mesh for tokenized real-world assets.",
    subcommands = {RunCommand.class, BackfillCommand.class, ReplayCommand.class, RiskCommand.class,
        ForecastCommand.class, BacktestCommand.class, UsersCommand.class, KeysCommand.class,
        CommandLine.HelpCommand.class})
public final class Main implements Runnable {

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    int code = commandLine().execute(args);
    if (code != 0) {
      System.exit(code);
    }
  }

  /** The configured command line (also used by tests). */
  static CommandLine commandLine() {
    return new CommandLine(new Main())
        .setCaseInsensitiveEnumValuesAllowed(true)
        .setUsageHelpAutoWidth(true);
  }

  @Override
  public void run() {
    // no command: show what there is
    spec.commandLine().usage(System.out);
  }

  /** Reports the version packaged in the jar manifest. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = Main.class.getPackage().getImplementationVersion();
      return new String[] {"rwa-prime " + (v == null ? "development build" : v)};
    }
  }
}
