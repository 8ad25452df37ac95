package io.rwaprime.alerts.channels.push;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;

import static io.rwaprime.alerts.channels.push.TestKeys.b64u;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** RFC 8291 Appendix A, VAPID key handling and the ES256 signature form. */
class WebPushCryptoTest {

  // RFC 8291 Appendix A
  private static final String PLAINTEXT = "When I grow up, I want to be a watermelon";
  private static final String AS_PUBLIC =
      "BP4z9KsN6nGRTbVYI_c7VJSPQTBtkgcy27mlmlMoZIIgDll6e3vCYLocInmYWAmS6TlzAC8wEqKK6PBru3jl7A8";
  private static final String AS_PRIVATE = "yfWPiYE-n46HLnH0KqZOF1fJJU3MYrct3AELtAQ-oRw";
  private static final String UA_PUBLIC =
      "BCVxsr7N_eNgVRqvHtD0zTZsEc6-VV-JvLexhqUzORcxaOzi6-AYWXvTBHm4bjyPjs7Vd8pZGH6SRpkNtoIAiw4";
  private static final String UA_PRIVATE = "q1dXpw3UpT5VOmu_cf_v6ih07Aems3njxI-JWgLcM94";
  private static final String AUTH = "BTBZMqHH6r4Tts7J_aSIgg";
  private static final String SALT = "DGv6ra1nlYgDCS1FRnbzlw";
  private static final String BODY = "DGv6ra1nlYgDCS1FRnbzlwAAEABBBP4z9KsN6nGRTbVYI_c7VJSPQTBtkgcy27mlmlMoZIIgDll6e3vCYLo"
      + "cInmYWAmS6TlzAC8wEqKK6PBru3jl7A_yl95bQpu6cVPTpK4Mqgkf1CXztLVBSt2Ks3oZwbuwXPXLWyouBWLVWGNWQexSgSxsj_Qulcy4a-fN";

  @Test
  void reproducesTheRfc8291AppendixAVectorExactly() throws Exception {
    KeyPair as = new KeyPair(TestKeys.ecPublic(b64u(AS_PUBLIC)), TestKeys.ecPrivate(b64u(AS_PRIVATE)));
    byte[] body = WebPushCrypto.encrypt(PLAINTEXT.getBytes(StandardCharsets.UTF_8),
        TestKeys.ecPublic(b64u(UA_PUBLIC)), b64u(AUTH), as, b64u(SALT));
    assertThat(b64u(body)).isEqualTo(BODY);
  }

  @Test
  void theTestReceiverOpensTheRfcVector() throws Exception {
    byte[] plain = Rfc8291Receiver.decrypt(b64u(BODY), TestKeys.ecPrivate(b64u(UA_PRIVATE)), b64u(UA_PUBLIC),
        b64u(AUTH));
    assertThat(new String(plain, StandardCharsets.UTF_8)).isEqualTo(PLAINTEXT);
  }

  @Test
  void aFreshEncryptionRoundTripsAtTheLargestPlaintext() throws Exception {
    KeyPair ua = TestKeys.p256();
    byte[] auth = new byte[16];
    new SecureRandom().nextBytes(auth);
    byte[] plain = new byte[WebPushCrypto.MAX_PLAINTEXT];
    new SecureRandom().nextBytes(plain);
    byte[] body = WebPushCrypto.encrypt(plain, (ECPublicKey) ua.getPublic(), auth);
    assertThat(body).hasSize(4096);
    assertThat(Rfc8291Receiver.decrypt(body, ua.getPrivate(), TestKeys.uncompressed((ECPublicKey) ua.getPublic()),
        auth)).isEqualTo(plain);
    assertThatThrownBy(() -> WebPushCrypto.encrypt(new byte[plain.length + 1], (ECPublicKey) ua.getPublic(), auth))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void vapidKeysAreTheBrowsersApplicationServerKeyForm() throws Exception {
    VapidKeys k = VapidKeys.generate();
    assertThat(k.applicationServerKey()).hasSize(87).matches("[A-Za-z0-9_-]+");
    byte[] point = b64u(k.applicationServerKey());
    assertThat(point).hasSize(65);
    assertThat(point[0]).isEqualTo((byte) 4);
    assertThat(b64u(k.privateKey())).hasSize(32);
    assertThat(k.toString()).doesNotContain(k.privateKey());
    // the RFC's pair is a pair; crossed halves are refused
    assertThat(new VapidKeys(AS_PUBLIC, AS_PRIVATE).publicKey()).isEqualTo(AS_PUBLIC);
    assertThatThrownBy(() -> new VapidKeys(AS_PUBLIC, UA_PRIVATE)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new VapidKeys("BAAA", AS_PRIVATE)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void derSignaturesConvertToTheJoseForm() throws Exception {
    // 300 signatures cover the cases where r or s has a leading zero byte (DER shorter) or a sign byte (longer)
    KeyPair kp = TestKeys.p256();
    for (int i = 0; i < 300; i++) {
      byte[] msg = ("message " + i).getBytes(StandardCharsets.US_ASCII);
      Signature der = Signature.getInstance("SHA256withECDSA");
      der.initSign(kp.getPrivate());
      der.update(msg);
      byte[] jose = Jose.derToJose(der.sign(), 32);
      assertThat(jose).hasSize(64);
      Signature p1363 = Signature.getInstance("SHA256withECDSAinP1363Format");
      p1363.initVerify(kp.getPublic());
      p1363.update(msg);
      assertThat(p1363.verify(jose)).as("signature %d", i).isTrue();
    }
  }

  @Test
  void escapedNewlinesInAPemAreAccepted() throws Exception {
    PrivateKey key = TestKeys.p256().getPrivate();
    String escaped = TestKeys.pkcs8Pem(key).replace("\n", "\\n");
    assertThat(Jose.privateKeyFromPem(escaped, "EC").getEncoded()).isEqualTo(key.getEncoded());
    assertThatThrownBy(() -> Jose.privateKeyFromPem("-----BEGIN RSA PRIVATE KEY-----", "RSA"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
