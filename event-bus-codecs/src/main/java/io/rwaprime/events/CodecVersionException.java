package io.rwaprime.events;

/**
 * A binary message arrived in a wire-format version this build cannot read, typically from a newer
 * member of a cluster during a rolling upgrade. Vert.x decodes a body lazily, so this surfaces from
 * {@code Message.body()}; consumers catch it and dead-letter the message with reason
 * {@code codec.unknown-version} rather than let it escape the handler.
 */
public final class CodecVersionException extends RuntimeException {

  /** Dead-letter reason code for this failure. */
  public static final String REASON_CODE = "codec.unknown-version";

  private final String codecName;
  private final int foundVersion;
  private final int supportedVersion;

  /**
   * @param codecName        the codec's {@code name()}, e.g. {@code rwa.tick}
   * @param foundVersion     the version byte found on the wire (0..255)
   * @param supportedVersion the version this build reads
   */
  public CodecVersionException(String codecName, int foundVersion, int supportedVersion) {
    super("codec " + codecName + " cannot read wire format version " + foundVersion + "; this build reads version "
        + supportedVersion + " (is the sender running a different release?)");
    this.codecName = codecName;
    this.foundVersion = foundVersion;
    this.supportedVersion = supportedVersion;
  }

  /** The codec's {@code name()}. */
  public String codecName() {
    return codecName;
  }

  /** The version byte found on the wire. */
  public int foundVersion() {
    return foundVersion;
  }

  /** The version this build reads. */
  public int supportedVersion() {
    return supportedVersion;
  }
}
