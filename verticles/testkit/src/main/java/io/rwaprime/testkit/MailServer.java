package io.rwaprime.testkit;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;

import java.time.Duration;
import java.util.List;

/**
 * A real SMTP server on loopback for the test JVM (GreenMail: it speaks SMTP on a socket like any MTA and keeps
 * what it receives), started once on a free port and stopped when the JVM exits.
 */
public final class MailServer {

  private static final Lazy<MailServer> INSTANCE = new Lazy<>("smtp", MailServer::new, m -> m.greenMail.stop());

  private final GreenMail greenMail;
  private final int port;

  private MailServer() {
    port = FreePorts.find();
    greenMail = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    greenMail.start();
  }

  public static MailServer instance() {
    return INSTANCE.get();
  }

  public String host() {
    return "127.0.0.1";
  }

  public int port() {
    return port;
  }

  /** Every message received so far. */
  public List<MimeMessage> received() {
    return List.of(greenMail.getReceivedMessages());
  }

  /** Waits until at least {@code count} messages in all were received; returns them. */
  public List<MimeMessage> await(int count, Duration timeout) {
    greenMail.waitForIncomingEmail(timeout.toMillis(), count);
    return received();
  }
}
