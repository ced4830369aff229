package dev.wasitrace.recorder;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import dev.wasitrace.registry.Registry;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.function.Consumer;
import java.util.zip.CRC32C;
import run.endive.compiler.Cache;

/**
 * One module's compiled form (the jar of classes Endive's compiler makes), kept in one file beside
 * the module in the registry, so later runs and replays load it instead of compiling again.
 *
 * <p>The file's name carries the runtime version and engine ({@link #fileName}), so an upgrade
 * never loads code made by another version; its header repeats them with the module digest, and a
 * CRC32C covers the jar. An entry that fails any check is ignored with a note (and replaced by the
 * fresh compile), never loaded. Entries appear by atomic rename: a concurrent run sees the old
 * file, the new one, or none, never half of one.
 */
public final class CompiledModuleCache implements Cache {
  private static final byte[] MAGIC = "WTCODE01".getBytes(UTF_8);

  private final Path file;
  private final String moduleDigest;
  private final String runtime;
  private final Consumer<String> notes;
  private boolean damaged;
  // The entry as read and checked (null: not read yet, or none); and whether some functions of the
  // module run in the interpreter (they were too large to compile), which need their bodies.
  private byte[] jar;
  private boolean interpreted;

  /**
   * The cache file for {@code moduleDigest} (hex sha256) in {@code registry}; {@code notes} hears
   * about an entry that was ignored.
   */
  public CompiledModuleCache(Registry registry, String moduleDigest, Consumer<String> notes) {
    this.moduleDigest = requireNonNull(moduleDigest);
    this.runtime = RuntimeVersion.LABEL;
    this.file = registry.modulePath(moduleDigest).resolveSibling(fileName(moduleDigest, runtime));
    this.notes = requireNonNull(notes);
  }

  /** {@code <digest>.endive-1.0.0.compiled.jar}: one entry per module and runtime version. */
  static String fileName(String moduleDigest, String runtime) {
    return moduleDigest
        + "."
        + runtime.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9.]+", "-")
        + ".compiled.jar";
  }

  public Path file() {
    return file;
  }

  /** The hex sha256 of the module whose code this keeps. */
  public String moduleDigest() {
    return moduleDigest;
  }

  /** Whether an entry is there (not whether it is sound: {@link #get} checks that). */
  public boolean present() {
    return Files.isRegularFile(file);
  }

  /**
   * Whether a sound entry holds the code of every function, so that the module's function bodies
   * are not needed to run it.
   */
  public boolean compiledWhole() {
    return get(null) != null && !interpreted;
  }

  /** Records that the code about to be stored leaves some functions to the interpreter. */
  void someFunctionsInterpreted() {
    interpreted = true;
    notes.accept(
        "some functions of module sha256:"
            + moduleDigest
            + " are too large for a Java method and run in Endive's interpreter (slower)");
  }

  @Override
  public byte[] get(String key) {
    if (jar == null && !damaged) {
      jar = read();
    }
    return jar;
  }

  private byte[] read() {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      return null;
    } catch (IOException e) {
      return ignore("cannot be read (" + Registry.describe(e) + ")");
    }
    try (DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(bytes))) {
      byte[] magic = in.readNBytes(MAGIC.length);
      if (!java.util.Arrays.equals(magic, MAGIC)) {
        return ignore("is not a wasitrace compiled-code file");
      }
      String entryRuntime = in.readUTF();
      String entryModule = in.readUTF();
      if (!entryRuntime.equals(runtime) || !entryModule.equals(moduleDigest)) {
        return ignore("was made by " + entryRuntime + " for module sha256:" + entryModule);
      }
      boolean someInterpreted = in.readBoolean();
      long crc = in.readInt() & 0xffffffffL;
      int length = in.readInt();
      byte[] code = in.readNBytes(length);
      if (code.length != length) {
        return ignore("is damaged (cut short)");
      }
      if (in.available() != 0 || crc32c(code) != crc) {
        return ignore("is damaged (checksum mismatch)");
      }
      interpreted = someInterpreted;
      return code;
    } catch (IOException e) {
      return ignore("is damaged (cut short)");
    }
  }

  /**
   * Stores the compiled code, unless a sound entry is there already. A registry that cannot take it
   * (read-only, full) costs the next run a compile, not this one its run: a note says so.
   */
  @Override
  public void putIfAbsent(String key, byte[] code) {
    jar = code;
    if (present() && !damaged) {
      return; // another run stored it meanwhile: the same code
    }
    try {
      store(code);
      damaged = false;
    } catch (IOException e) {
      notes.accept(
          "the compiled code of module sha256:"
              + moduleDigest
              + " cannot be stored ("
              + Registry.describe(e)
              + "); the next run compiles it again");
    }
  }

  private void store(byte[] code) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(code.length + 256);
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.write(MAGIC);
      out.writeUTF(runtime);
      out.writeUTF(moduleDigest);
      out.writeBoolean(interpreted);
      out.writeInt((int) crc32c(code));
      out.writeInt(code.length);
      out.write(code);
    }
    Path temp = Files.createTempFile(file.getParent(), ".compiling-", ".tmp");
    try {
      Files.write(temp, bytes.toByteArray());
      try {
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  /** Drops an entry that passed the checks but did not load: the next compile replaces it. */
  void discard(String why) {
    ignore(why);
    jar = null;
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      // putIfAbsent replaces it anyway (damaged is set).
    }
  }

  private byte[] ignore(String why) {
    damaged = true;
    notes.accept(
        "the compiled code of module sha256:" + moduleDigest + " " + why + "; compiling again");
    return null;
  }

  private static long crc32c(byte[] bytes) {
    CRC32C crc = new CRC32C();
    crc.update(ByteBuffer.wrap(bytes));
    return crc.getValue();
  }
}
