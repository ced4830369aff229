package dev.wasitrace.bench.corruption;

import java.util.Random;

/**
 * The kinds of damage, each with its weight in a run (the weights add up to 100; log.arrow takes 86
 * of them). Bit flips and zeroed bytes are what a disk or a copy does; truncation is a full disk or
 * a killed copy; dropped, repeated, swapped and spliced batches are what a tool that handles logs
 * as files of messages gets wrong.
 */
public enum MutationKind {
  /** 1 to 3 bits flipped in one record batch's body (its compressed buffers). */
  FLIP_BATCH_BODY(16),
  /** One bit flipped in one record batch's flatbuffer metadata (lengths, buffer offsets). */
  FLIP_BATCH_METADATA(10),
  /** One bit flipped in the schema message's flatbuffer (fields, types, custom metadata). */
  FLIP_SCHEMA(6),
  /** One bit flipped in the dictionary batch (the function names), metadata or body. */
  FLIP_DICTIONARY(6),
  /** One bit flipped in a message's 8-byte prefix (continuation marker, metadata length). */
  FLIP_FRAME(4),
  /** One bit flipped anywhere in log.arrow. */
  FLIP_ANYWHERE(5),
  /** 1 to 4,096 bytes of log.arrow zeroed. */
  ZERO_RANGE(7),
  /** log.arrow cut at a random offset (a quarter of the time at a message boundary). */
  TRUNCATE(8),
  /** A record batch written twice, one after the other. */
  REPEAT_BATCH(6),
  /** A record batch left out. */
  DROP_BATCH(6),
  /** Two record batches swapped. */
  SWAP_BATCHES(6),
  /** A record batch replaced by one from another run of the same guest. */
  SPLICE_BATCH(6),
  /** One bit flipped in another file of the process directory (process.json, a sidecar). */
  OTHER_FLIP(7),
  /** 1 to 64 bytes of another file of the process directory zeroed. */
  OTHER_ZERO(2),
  /** Another file of the process directory cut at a random offset. */
  OTHER_TRUNCATE(2),
  /** One file of the process directory, log.arrow included, deleted. */
  DELETE_FILE(3);

  private final int weight;

  MutationKind(int weight) {
    this.weight = weight;
  }

  /** True for the kinds that damage log.arrow alone. */
  boolean damagesLog() {
    return ordinal() <= SPLICE_BATCH.ordinal();
  }

  /** A kind drawn by weight. */
  static MutationKind pick(Random random) {
    int total = 0;
    for (MutationKind kind : values()) {
      total += kind.weight;
    }
    int draw = random.nextInt(total);
    for (MutationKind kind : values()) {
      draw -= kind.weight;
      if (draw < 0) {
        return kind;
      }
    }
    throw new AssertionError(draw);
  }
}
