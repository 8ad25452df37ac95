package io.rwaprime.web3;

import java.util.Locale;
import java.util.regex.Pattern;

/** EVM address text: {@code 0x} and 40 hex digits, kept lower case everywhere in the mesh. */
public final class EvmAddress {

  /** The zero address: the sender of a mint and the recipient of a burn. */
  public static final String ZERO = "0x0000000000000000000000000000000000000000";

  private static final Pattern FORM = Pattern.compile("0x[0-9a-fA-F]{40}");

  private EvmAddress() {}

  /** Whether {@code text} is an address (any case). */
  public static boolean isValid(String text) {
    return text != null && FORM.matcher(text).matches();
  }

  /**
   * The lower-case form of an address.
   *
   * @throws IllegalArgumentException naming {@code what} when {@code text} is not an address
   */
  public static String normalize(String text, String what) {
    if (!isValid(text)) {
      throw new IllegalArgumentException(what + " must be 0x followed by 40 hex digits (was '" + text + "')");
    }
    return text.toLowerCase(Locale.ROOT);
  }

  /** The address held in the low 20 bytes of a 32-byte topic, lower case. */
  static String fromTopic(String topic) {
    if (topic == null || topic.length() != 66 || !topic.startsWith("0x")) {
      throw new IllegalArgumentException("an address topic must be 32 bytes (was '" + topic + "')");
    }
    String head = topic.substring(2, 26);
    for (int i = 0; i < head.length(); i++) {
      if (head.charAt(i) != '0') {
        throw new IllegalArgumentException("an address topic must have 12 zero bytes before the address (was '" + topic + "')");
      }
    }
    return normalize("0x" + topic.substring(26), "topic address");
  }
}
