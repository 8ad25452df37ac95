package io.rwaprime.app;

import io.rwaprime.api.auth.AuthModule;
import io.rwaprime.common.assets.AssetCatalogue;
import io.rwaprime.common.config.RwaConfig;
import io.rwaprime.common.storage.Database;
import io.vertx.core.Vertx;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/** {@code users create-admin --email E} — bootstraps an administrator in the configured (or embedded) database. */
@Command(name = "users", mixinStandardHelpOptions = true, description = "Manage accounts from the command line.",
    subcommands = {UsersCommand.CreateAdmin.class})
final class UsersCommand implements Runnable {

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "name a subcommand, e.g. users create-admin --email …");
  }

  @Command(name = "create-admin", mixinStandardHelpOptions = true,
      description = "Create an admin account. The password is read from the first line of standard input, or from "
          + "the environment variable RWA_ADMIN_PASSWORD; never from the command line (it would show in ps).")
  static final class CreateAdmin implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--email", required = true, paramLabel = "ADDRESS", description = "The admin's e-mail address.")
    String email;

    @CommandLine.Mixin
    ConfigOptions configOptions = new ConfigOptions();

    @Override
    public Integer call() throws Exception {
      if (!email.matches("[^@\\s]{1,64}@[^@\\s]{1,190}\\.[^@\\s.]{2,63}")) {
        throw new CommandLine.ParameterException(spec.commandLine(), "--email is not an e-mail address: " + email);
      }
      String password = System.getenv("RWA_ADMIN_PASSWORD");
      if (password == null || password.isEmpty()) {
        password = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
      }
      if (password == null || password.isEmpty()) {
        throw new CommandLine.ParameterException(spec.commandLine(),
            "give the password on standard input or in RWA_ADMIN_PASSWORD");
      }
      RwaConfig cfg = configOptions.load();
      if (cfg == null) {
        return RunCommand.EXIT_CONFIG;
      }
      Logging.configure(cfg.logging());
      Vertx vertx = Vertx.vertx();
      Database db = null;
      try {
        db = Database.open(vertx, cfg.database(), AssetCatalogue.load()).await(5, TimeUnit.MINUTES);
        UUID id = AuthModule.createAdmin(vertx, db.pool(), cfg.api(), email, password).await(1, TimeUnit.MINUTES);
        System.out.println("{\"user_id\": \"" + id + "\", \"email\": \"" + email + "\", \"tier\": \"admin\"}");
        return 0;
      } catch (IllegalArgumentException e) {
        System.err.println("rwa-prime: " + e.getMessage());
        return 1;
      } finally {
        if (db != null) {
          db.close().await(1, TimeUnit.MINUTES);
        }
        vertx.close().await(1, TimeUnit.MINUTES);
      }
    }
  }
}
