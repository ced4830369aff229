package dev.wasitrace.bench.corruption;

import dev.wasitrace.bench.corruption.IpcMessages.Message;
import dev.wasitrace.bench.corruption.IpcMessages.Type;
import dev.wasitrace.bench.corruption.References.Reference;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

/**
 * Damages the copy of one reference process's directory in a second registry, a mutation drawn from
 * its own seed: mutation {@code i} of a run with seed {@code s} is the same whatever ran before it,
 * so any one can be run again alone.
 */
final class Mutator {
  static final String LOG_FILE = "log.arrow";

  /** One mutation applied: what, to which process and file, and exactly where. */
  record Mutation(int index, MutationKind kind, Reference reference, String description) {}

  /** A reference's undamaged directory: its files, and its log's bytes and messages. */
  private record Clean(Path dir, List<String> files, byte[] log, List<Message> messages) {
    List<Message> batches() {
      return IpcMessages.batches(messages);
    }

    List<String> otherFiles() {
      return files.stream().filter(f -> !f.equals(LOG_FILE)).toList();
    }
  }

  private final Path cleanHome;
  private final Path damagedHome;
  private final List<Reference> references;
  private final Map<String, Clean> clean = new HashMap<>();

  Mutator(Path cleanHome, Path damagedHome, List<Reference> references) {
    this.cleanHome = cleanHome;
    this.damagedHome = damagedHome;
    this.references = List.copyOf(references);
  }

  /** The seed of mutation {@code index} in a run seeded {@code seed} (MurmurHash3's finalizer). */
  static long mutationSeed(long seed, int index) {
    long z = seed + 0x9E3779B97F4A7C15L * (index + 1L);
    z = (z ^ (z >>> 33)) * 0xFF51AFD7ED558CCDL;
    z = (z ^ (z >>> 33)) * 0xC4CEB9FE1A85EC53L;
    return z ^ (z >>> 33);
  }

  /** Restores every reference's directory in the damaged registry, then applies mutation i. */
  Mutation apply(long seed, int index) throws IOException {
    Random random = new Random(mutationSeed(seed, index));
    while (true) {
      MutationKind kind = MutationKind.pick(random);
      List<Reference> eligible = new ArrayList<>();
      for (Reference reference : references) {
        if (eligible(kind, reference)) {
          eligible.add(reference);
        }
      }
      if (eligible.isEmpty()) {
        continue; // e.g. OTHER_FLIP while the directories hold only log.arrow: draw again
      }
      Reference reference = eligible.get(random.nextInt(eligible.size()));
      restore(reference);
      String description = apply(kind, reference, random);
      return new Mutation(index, kind, reference, description);
    }
  }

  /** Puts back the undamaged directory of {@code reference} in the damaged registry. */
  void restore(Reference reference) throws IOException {
    Clean source = clean(reference);
    Path target = damagedDir(reference);
    Files.createDirectories(target);
    try (Stream<Path> present = Files.list(target)) {
      for (Path file : present.toList()) {
        Files.delete(file); // the directories hold plain files only
      }
    }
    for (String file : source.files()) {
      Files.copy(source.dir().resolve(file), target.resolve(file));
    }
  }

  private Path damagedDir(Reference reference) {
    return damagedHome.resolve("processes").resolve(reference.id());
  }

  private boolean eligible(MutationKind kind, Reference reference) throws IOException {
    Clean c = clean(reference);
    return switch (kind) {
      case SWAP_BATCHES -> c.batches().size() >= 2;
      case SPLICE_BATCH -> sibling(reference) != null;
      case FLIP_BATCH_BODY, FLIP_BATCH_METADATA, REPEAT_BATCH, DROP_BATCH -> !c.batches().isEmpty();
      case FLIP_DICTIONARY -> IpcMessages.first(c.messages(), Type.DICTIONARY) != null;
      case OTHER_FLIP, OTHER_ZERO, OTHER_TRUNCATE -> !c.otherFiles().isEmpty();
      default -> true;
    };
  }

  private Reference sibling(Reference reference) {
    for (Reference other : references) {
      if (other.family().equals(reference.family()) && !other.name().equals(reference.name())) {
        return other;
      }
    }
    return null;
  }

  private String apply(MutationKind kind, Reference reference, Random random) throws IOException {
    Clean c = clean(reference);
    Path dir = damagedDir(reference);
    byte[] log = c.log().clone();
    List<Message> batches = c.batches();
    String what;
    switch (kind) {
      case FLIP_BATCH_BODY -> {
        int b = random.nextInt(batches.size());
        Message batch = batches.get(b);
        int flips = 1 + random.nextInt(3);
        StringBuilder where = new StringBuilder();
        for (int i = 0; i < flips; i++) {
          where
              .append(i == 0 ? "" : ", ")
              .append(flip(log, batch.bodyStart(), batch.end(), random));
        }
        what = "batch " + b + " of " + batches.size() + " body: " + where;
      }
      case FLIP_BATCH_METADATA -> {
        int b = random.nextInt(batches.size());
        Message batch = batches.get(b);
        what =
            "batch "
                + b
                + " of "
                + batches.size()
                + " metadata: "
                + flip(log, batch.metadataStart(), batch.bodyStart(), random);
      }
      case FLIP_SCHEMA -> {
        Message schema = IpcMessages.first(c.messages(), Type.SCHEMA);
        what = "schema: " + flip(log, schema.metadataStart(), schema.end(), random);
      }
      case FLIP_DICTIONARY -> {
        Message dictionary = IpcMessages.first(c.messages(), Type.DICTIONARY);
        what = "dictionary: " + flip(log, dictionary.metadataStart(), dictionary.end(), random);
      }
      case FLIP_FRAME -> {
        int m = random.nextInt(c.messages().size());
        Message message = c.messages().get(m);
        what =
            "prefix of message "
                + m
                + " ("
                + message.type().name().toLowerCase(java.util.Locale.ROOT)
                + "): "
                + flip(log, message.offset(), message.metadataStart(), random);
      }
      case FLIP_ANYWHERE -> what = flip(log, 0, log.length, random);
      case ZERO_RANGE -> {
        int length = 1 + random.nextInt(Math.min(4096, log.length));
        int start = random.nextInt(log.length - length + 1);
        java.util.Arrays.fill(log, start, start + length, (byte) 0);
        what = length + " bytes zeroed at " + start + " (" + locate(c.messages(), start) + ")";
      }
      case TRUNCATE -> {
        int at;
        if (random.nextInt(4) == 0) {
          // At a message boundary other than the end: whole messages kept, the rest gone.
          at = c.messages().get(random.nextInt(c.messages().size())).offset();
        } else {
          at = random.nextInt(log.length);
        }
        log = java.util.Arrays.copyOf(log, at);
        what = "cut at " + at + " of " + c.log().length + " (" + locate(c.messages(), at) + ")";
      }
      case REPEAT_BATCH -> {
        int b = random.nextInt(batches.size());
        Message batch = batches.get(b);
        log = splice(c.log(), batch.end(), batch.end(), slice(c.log(), batch));
        what = "batch " + b + " of " + batches.size() + " repeated";
      }
      case DROP_BATCH -> {
        int b = random.nextInt(batches.size());
        Message batch = batches.get(b);
        log = splice(c.log(), batch.offset(), batch.end(), new byte[0]);
        what = "batch " + b + " of " + batches.size() + " dropped";
      }
      case SWAP_BATCHES -> {
        int first = random.nextInt(batches.size());
        int second = random.nextInt(batches.size() - 1);
        if (second >= first) {
          second++;
        }
        Message x = batches.get(Math.min(first, second));
        Message y = batches.get(Math.max(first, second));
        ByteArrayOutputStream swapped = new ByteArrayOutputStream();
        swapped.write(c.log(), 0, x.offset());
        swapped.writeBytes(slice(c.log(), y));
        swapped.write(c.log(), x.end(), y.offset() - x.end());
        swapped.writeBytes(slice(c.log(), x));
        swapped.write(c.log(), y.end(), c.log().length - y.end());
        log = swapped.toByteArray();
        what =
            "batches "
                + Math.min(first, second)
                + " and "
                + Math.max(first, second)
                + " of "
                + batches.size()
                + " swapped";
      }
      case SPLICE_BATCH -> {
        Reference other = sibling(reference);
        Clean foreign = clean(other);
        int b = random.nextInt(batches.size());
        int f = random.nextInt(foreign.batches().size());
        Message batch = batches.get(b);
        log =
            splice(
                c.log(),
                batch.offset(),
                batch.end(),
                slice(foreign.log(), foreign.batches().get(f)));
        what =
            "batch "
                + b
                + " of "
                + batches.size()
                + " replaced by batch "
                + f
                + " of "
                + foreign.batches().size()
                + " of "
                + other.name();
      }
      case OTHER_FLIP, OTHER_ZERO, OTHER_TRUNCATE -> {
        String file = c.otherFiles().get(random.nextInt(c.otherFiles().size()));
        byte[] bytes = Files.readAllBytes(dir.resolve(file));
        String where;
        if (bytes.length == 0) {
          where = "empty, left alone";
        } else if (kind == MutationKind.OTHER_FLIP) {
          where = flip(bytes, 0, bytes.length, random);
        } else if (kind == MutationKind.OTHER_ZERO) {
          int length = 1 + random.nextInt(Math.min(64, bytes.length));
          int start = random.nextInt(bytes.length - length + 1);
          java.util.Arrays.fill(bytes, start, start + length, (byte) 0);
          where = length + " bytes zeroed at " + start;
        } else {
          int at = random.nextInt(bytes.length);
          where = "cut at " + at + " of " + bytes.length;
          bytes = java.util.Arrays.copyOf(bytes, at);
        }
        Files.write(dir.resolve(file), bytes);
        return file + ": " + where;
      }
      case DELETE_FILE -> {
        String file = c.files().get(random.nextInt(c.files().size()));
        Files.delete(dir.resolve(file));
        return file + " deleted";
      }
      default -> throw new AssertionError(kind);
    }
    Files.write(dir.resolve(LOG_FILE), log);
    return LOG_FILE + ": " + what;
  }

  /** Flips one bit of {@code bytes} in [from, to); says where, and in which message. */
  private String flip(byte[] bytes, int from, int to, Random random) {
    int at = from + random.nextInt(to - from);
    int bit = random.nextInt(8);
    bytes[at] ^= (byte) (1 << bit);
    return "bit " + bit + " of byte " + at;
  }

  /** Which message (and which part of it) holds byte {@code at} of the undamaged log. */
  private static String locate(List<Message> messages, int at) {
    for (int i = 0; i < messages.size(); i++) {
      Message m = messages.get(i);
      if (at >= m.offset() && at < m.end()) {
        String part = at < m.metadataStart() ? "prefix" : at < m.bodyStart() ? "metadata" : "body";
        return "message "
            + i
            + " ("
            + m.type().name().toLowerCase(java.util.Locale.ROOT)
            + ") "
            + part
            + (at == m.offset() ? " start" : "");
      }
    }
    return "end of file";
  }

  private static byte[] slice(byte[] bytes, Message message) {
    return java.util.Arrays.copyOfRange(bytes, message.offset(), message.end());
  }

  /** {@code bytes} with [from, to) replaced by {@code insert}. */
  private static byte[] splice(byte[] bytes, int from, int to, byte[] insert) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length + insert.length);
    out.write(bytes, 0, from);
    out.writeBytes(insert);
    out.write(bytes, to, bytes.length - to);
    return out.toByteArray();
  }

  private Clean clean(Reference reference) throws IOException {
    Clean cached = clean.get(reference.name());
    if (cached != null) {
      return cached;
    }
    Path dir = cleanHome.resolve("processes").resolve(reference.id());
    List<String> files;
    try (Stream<Path> list = Files.list(dir)) {
      files = list.map(p -> p.getFileName().toString()).sorted().toList();
    }
    byte[] log = Files.readAllBytes(dir.resolve(LOG_FILE));
    Clean loaded = new Clean(dir, files, log, IpcMessages.of(log));
    clean.put(reference.name(), loaded);
    return loaded;
  }
}
