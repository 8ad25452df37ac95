package io.rwaprime.common.mail;

import io.rwaprime.common.config.RwaConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.mail.MailClient;
import io.vertx.ext.mail.MailConfig;
import io.vertx.ext.mail.MailMessage;
import io.vertx.ext.mail.StartTLSOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends mails over SMTP (vertx-mail-client): the account mails of the api role and the alert mails of the alerts
 * role. With no SMTP host configured nothing is sent and the caller is told so; a mail that cannot be delivered is
 * logged (never with its content: account mails carry secrets).
 */
public final class Mailer {

  private static final Logger LOG = LoggerFactory.getLogger(Mailer.class);

  private final RwaConfig.Mail cfg;
  private final MailClient client;

  public Mailer(Vertx vertx, RwaConfig.Mail cfg) {
    this.cfg = cfg;
    if (cfg.enabled()) {
      MailConfig mc = new MailConfig().setHostname(cfg.host()).setPort(cfg.port())
          .setStarttls(StartTLSOptions.valueOf(cfg.starttls().toUpperCase(java.util.Locale.ROOT)))
          .setKeepAlive(true).setMaxPoolSize(4);
      if (!cfg.username().isEmpty()) {
        mc.setUsername(cfg.username()).setPassword(cfg.password());
      }
      this.client = MailClient.createShared(vertx, mc, "rwa-prime-mail");
    } else {
      this.client = null;
      LOG.warn("no SMTP server configured (api.mail.host): address-verification and password-reset mails are not sent");
    }
  }

  public String link(String path, String token) {
    return cfg.baseUrl() + path + "?token=" + token;
  }

  /** Whether an SMTP server is configured. */
  public boolean enabled() {
    return client != null;
  }

  /** Sends {@code message} (From defaults to the configured sender); fails when the SMTP server did not take it. */
  public Future<Void> send(MailMessage message) {
    if (client == null) {
      return Future.failedFuture(new IllegalStateException("mail is not configured (api.mail.host)"));
    }
    if (message.getFrom() == null) {
      message.setFrom(cfg.from());
    }
    return client.sendMail(message).mapEmpty();
  }

  /** Sends a plain-text mail; fails when it could not be handed to the SMTP server. */
  public Future<Void> send(String to, String subject, String text) {
    if (client == null) {
      return Future.failedFuture(new IllegalStateException("mail is not configured"));
    }
    return client.sendMail(new MailMessage().setFrom(cfg.from()).setTo(to).setSubject(subject).setText(text))
        .<Void>mapEmpty()
        .onFailure(err -> LOG.warn("mail not delivered [subject: {}, reason: {}]", subject, err.getMessage()));
  }
}
