package dev.wasitrace.recorder.net;

/**
 * What the log keeps about the socket a call worked on: {@code TCP} or {@code UDP}, and the local
 * and peer addresses as {@code 127.0.0.1:8080} (either may be null).
 */
public record SocketInfo(String proto, String localAddr, String peerAddr) {}
