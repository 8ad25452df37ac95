package io.rwaprime.ingestion.source;

import io.rwaprime.events.RawRecord;

/**
 * Where a {@link Source} hands its records: in production the ingestion role's raw ingress (bronze archive,
 * then the raw address). Called on the source's context, one record at a time, in the order the provider
 * delivered them; it must not block. An exception thrown here is counted as an error of the source and
 * logged; the source keeps running.
 */
@FunctionalInterface
public interface RawSink {

  /** Takes one record. */
  void accept(RawRecord record);
}
