package dev.wasitrace.analyzer.http;

/**
 * Where a connection stopped speaking HTTP/1.x, and what it spoke then (not decoded).
 *
 * @param protocol {@code h2} (HTTP/2, after the prior-knowledge preface or an {@code h2c} upgrade),
 *     {@code websocket}, the value of another {@code Upgrade}, or {@code tunnel} after a {@code
 *     CONNECT}
 * @param how {@code prior knowledge}, {@code upgrade} or {@code CONNECT}
 * @param at the first byte in the new protocol, or for an upgrade the 101 response's
 */
public record ProtocolSwitch(String protocol, String how, Moment at) {
  public static final String PRIOR_KNOWLEDGE = "prior knowledge";
  public static final String UPGRADE = "upgrade";
  public static final String CONNECT = "CONNECT";
}
