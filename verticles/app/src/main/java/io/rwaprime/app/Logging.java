package io.rwaprime.app;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.joran.spi.JoranException;
import io.rwaprime.common.config.RwaConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URL;

/** Switches logback to the configured format (plain text, or JSON lines for Kubernetes) and level. */
final class Logging {

  private Logging() {}

  static void configure(RwaConfig.Logging cfg) {
    if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
      return;
    }
    if (cfg.format().equals("json")) {
      URL json = Logging.class.getClassLoader().getResource("logback-json.xml");
      if (json != null) {
        try {
          context.reset();
          JoranConfigurator configurator = new JoranConfigurator();
          configurator.setContext(context);
          configurator.doConfigure(json);
        } catch (JoranException e) {
          System.err.println("rwa-prime: cannot switch to JSON logs: " + e.getMessage());
        }
      }
    }
    context.getLogger(Logger.ROOT_LOGGER_NAME).setLevel(Level.toLevel(cfg.level(), Level.INFO));
  }
}
