package dev.wasitrace.registry;

import java.time.Instant;

/**
 * A stored module: its sha256 (hex), the file name it was first run as, its size, and when it was
 * stored (null where its metadata is missing).
 */
public record ModuleInfo(String digest, String name, long size, Instant storedTime) {
  /** The digest as users see it: {@code sha256:<hex>}. */
  public String id() {
    return "sha256:" + digest;
  }
}
