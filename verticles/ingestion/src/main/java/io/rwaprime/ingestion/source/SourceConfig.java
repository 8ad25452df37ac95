package io.rwaprime.ingestion.source;

/**
 * The validated configuration of one connector, read from one entry of {@code ingestion.sources} by
 * {@link SourceConfigs#fromJson}.
 */
public sealed interface SourceConfig permits HttpPollingConfig, WebSocketConfig, FredConfig {

  /** The {@code type} that selects this connector in the configuration. */
  String type();

  /** The connector's name: the {@code source} of its records and the label of its metrics. */
  String name();
}
