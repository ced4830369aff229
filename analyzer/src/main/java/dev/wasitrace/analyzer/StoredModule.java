package dev.wasitrace.analyzer;

import static java.util.Objects.requireNonNull;

/** A stored module, for the {@code modules} table: sha256 (hex), first name, size, when stored. */
public record StoredModule(String digest, String name, long size, String storedTime) {
  public StoredModule {
    requireNonNull(digest, "digest");
  }
}
