package dev.wasitrace.exporters.pcap;

/** An export that cannot be done as asked (a bad filter, say), in one line for the user. */
public final class PcapExportException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public PcapExportException(String message, Throwable cause) {
    super(message, cause);
  }

  public PcapExportException(String message) {
    super(message);
  }
}
