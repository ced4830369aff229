package dev.wasitrace.registry;

/** A stored module: its sha256 (hex), the file name it was first run as, and its size. */
public record ModuleInfo(String digest, String name, long size, String storedTime) {
  /** The digest as users see it: {@code sha256:<hex>}. */
  public String id() {
    return "sha256:" + digest;
  }
}
