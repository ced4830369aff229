package dev.wasitrace.exporters.pcap;

/**
 * How to export.
 *
 * @param mtu the link's MTU: TCP segments carry at most {@code mtu - 40} bytes over IPv4 and {@code
 *     mtu - 60} over IPv6 (1500: 1460 and 1440, Ethernet's); from {@link #MIN_MTU} to {@link
 *     #MAX_MTU}
 * @param filter a WHERE clause over {@code pcap_flows} choosing the connections to export, or null
 *     for all
 * @param pcap4j build frames with Pcap4J's builders rather than directly (same bytes, slower; for
 *     comparison)
 */
public record PcapExportOptions(int mtu, String filter, boolean pcap4j) {
  public static final int DEFAULT_MTU = 1500;
  public static final int MIN_MTU = 576;
  public static final int MAX_MTU = 65_535;

  public static final PcapExportOptions DEFAULT = new PcapExportOptions(DEFAULT_MTU, null, false);

  public PcapExportOptions {
    if (mtu < MIN_MTU || mtu > MAX_MTU) {
      throw new PcapExportException(
          "the MTU must be from " + MIN_MTU + " to " + MAX_MTU + ", not " + mtu);
    }
    if (filter != null && filter.isBlank()) {
      filter = null;
    }
  }

  public PcapExportOptions withMtu(int mtu) {
    return new PcapExportOptions(mtu, filter, pcap4j);
  }

  public PcapExportOptions withFilter(String filter) {
    return new PcapExportOptions(mtu, filter, pcap4j);
  }

  public PcapExportOptions withPcap4j(boolean pcap4j) {
    return new PcapExportOptions(mtu, filter, pcap4j);
  }
}
