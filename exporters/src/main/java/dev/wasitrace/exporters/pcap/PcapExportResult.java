package dev.wasitrace.exporters.pcap;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What an export wrote.
 *
 * @param packets the pcap's records
 * @param payloadBytes TCP and UDP payload bytes in them
 * @param fileBytes the file's size
 * @param flows the connections and UDP flows exported
 * @param packetsByProcess packets of each process asked for, in the order asked (0 when a process
 *     had no traffic, or none the filter kept)
 */
public record PcapExportResult(
    long packets,
    long payloadBytes,
    long fileBytes,
    int flows,
    Map<String, Long> packetsByProcess) {
  public PcapExportResult {
    packetsByProcess = Collections.unmodifiableMap(new LinkedHashMap<>(packetsByProcess));
  }
}
