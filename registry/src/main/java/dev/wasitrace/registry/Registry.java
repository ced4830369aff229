package dev.wasitrace.registry;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.zip.CRC32C;

/**
 * The local registry under {@code WASITRACE_HOME}: modules stored once by sha256, and one folder
 * per process with its metadata and its log. Every file appears atomically (written aside, then
 * renamed), so concurrent runs and killed runs never leave a half-written one.
 */
public final class Registry {
  public static final String HOME_VARIABLE = "WASITRACE_HOME";
  static final String LOG_FILE = "log.arrow";
  static final String PROCESS_FILE = "process.json";

  private final Path root;

  private Registry(Path root) {
    this.root = requireNonNull(root);
  }

  /** The registry named by the environment, default {@code ~/.wasitrace}. */
  public static Path defaultRoot(Map<String, String> environment) {
    String home = environment.get(HOME_VARIABLE);
    if (home != null && !home.isBlank()) {
      return Path.of(home);
    }
    return Path.of(System.getProperty("user.home"), ".wasitrace");
  }

  /** Opens a registry for reading; an absent one reads as empty. */
  public static Registry open(Path root) {
    return new Registry(root.toAbsolutePath());
  }

  /** Opens a registry for recording: creates it if needed and checks it can be written. */
  public static Registry openForWriting(Path root) {
    Registry registry = open(root);
    try {
      Files.createDirectories(registry.modulesDir());
      Files.createDirectories(registry.processesDir());
      Path probe = Files.createTempFile(registry.processesDir(), ".probe", ".tmp");
      Files.delete(probe);
    } catch (IOException | UnsupportedOperationException e) {
      throw new UserError(
          "cannot write to the registry "
              + root
              + ": "
              + describe(e)
              + " (set "
              + HOME_VARIABLE
              + " to a writable folder)",
          e);
    }
    return registry;
  }

  public Path root() {
    return root;
  }

  private Path modulesDir() {
    return root.resolve("modules").resolve("sha256");
  }

  private Path processesDir() {
    return root.resolve("processes");
  }

  public Path processDir(String id) {
    return processesDir().resolve(id);
  }

  public Path logPath(String id) {
    return processDir(id).resolve(LOG_FILE);
  }

  public Path modulePath(String digest) {
    return modulesDir().resolve(digest + ".wasm");
  }

  // ---- modules

  /**
   * Stores the module unless it is already there; returns its entry. The digest is the bytes'
   * {@link #sha256}, which the caller has already computed (a module can be megabytes).
   */
  public ModuleInfo storeModule(byte[] bytes, String digest, String name) throws IOException {
    Path wasm = modulePath(digest);
    Path meta = modulesDir().resolve(digest + ".json");
    if (!Files.exists(wasm)) {
      writeAtomically(wasm, bytes);
    }
    if (!Files.exists(meta)) {
      ModuleInfo info = new ModuleInfo(digest, name, bytes.length, Instant.now());
      writeAtomically(meta, MetadataJson.module(info));
      return info;
    }
    return readModule(digest);
  }

  /**
   * Every stored module, most recent first; those whose metadata is damaged go to {@code skipped}.
   */
  public List<ModuleInfo> modules(Consumer<String> skipped) throws IOException {
    List<ModuleInfo> modules = new ArrayList<>();
    if (!Files.isDirectory(modulesDir())) {
      return modules;
    }
    try (Stream<Path> files = Files.list(modulesDir())) {
      for (Path file : files.sorted().toList()) {
        String fileName = file.getFileName().toString();
        if (fileName.endsWith(".json")) {
          try {
            modules.add(readModule(fileName.substring(0, fileName.length() - 5)));
          } catch (UserError e) {
            skipped.accept(e.getMessage() + "; left out");
          }
        }
      }
    }
    modules.sort(
        Comparator.comparing(
                ModuleInfo::storedTime, Comparator.nullsFirst(Comparator.<Instant>naturalOrder()))
            .reversed());
    return modules;
  }

  public ModuleInfo readModule(String digest) throws IOException {
    Path meta = modulesDir().resolve(digest + ".json");
    try {
      return MetadataJson.module(Files.readAllBytes(meta));
    } catch (NoSuchFileException e) {
      long size = Files.size(modulePath(digest));
      return new ModuleInfo(digest, "(none)", size, null);
    } catch (MetadataJson.DamagedException e) {
      throw new UserError(
          "the metadata of module sha256:" + digest + " is damaged: " + firstLine(e), e);
    }
  }

  /** The digests of every stored module file. */
  public List<String> moduleDigests() throws IOException {
    if (!Files.isDirectory(modulesDir())) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(modulesDir())) {
      return files
          .map(f -> f.getFileName().toString())
          .filter(name -> name.endsWith(".wasm"))
          .map(name -> name.substring(0, name.length() - 5))
          .sorted()
          .toList();
    }
  }

  /** A stored module's bytes, checked against its digest (a damaged module never runs). */
  public byte[] moduleBytes(String digest) throws IOException {
    byte[] bytes = Files.readAllBytes(modulePath(digest));
    if (!sha256(bytes).equals(digest)) {
      throw new UserError(
          "module sha256:" + digest + " is damaged: its content does not match its digest");
    }
    return bytes;
  }

  /** The module whose digest starts with the prefix (with or without {@code sha256:}). */
  public ModuleInfo resolveModule(String prefix) throws IOException {
    String hex = prefix.startsWith("sha256:") ? prefix.substring(7) : prefix;
    List<String> matches = moduleDigests().stream().filter(d -> d.startsWith(hex)).toList();
    return readModule(unique("module", prefix, matches));
  }

  // ---- processes

  public void createProcess(ProcessInfo info) throws IOException {
    Files.createDirectory(processDir(info.id()));
    writeProcess(info);
  }

  /** Writes process.json with a CRC32C of its content, so damage to it is seen on reading. */
  public void writeProcess(ProcessInfo info) throws IOException {
    writeAtomically(
        processDir(info.id()).resolve(PROCESS_FILE), MetadataJson.process(info, checksumOf(info)));
  }

  public ProcessInfo readProcess(String id) throws IOException {
    Path file = processDir(id).resolve(PROCESS_FILE);
    String damaged = "the metadata of process " + id + " (" + PROCESS_FILE + ") is damaged: ";
    try {
      MetadataJson.StoredProcess stored = MetadataJson.process(Files.readAllBytes(file));
      String checksum = stored.checksum();
      if (checksum == null
          ? Files.exists(processDir(id).resolve("log.arrow.sums"))
          : !checksum.equals(checksumOf(stored.info()))) {
        // (Written without one only by wasitrace versions that wrote no log checksums either.)
        throw new UserError(damaged + (checksum == null ? "no checksum" : "checksum mismatch"));
      }
      return stored.info();
    } catch (NoSuchFileException e) {
      throw new UserError("no process with ID " + id);
    } catch (MetadataJson.DamagedException e) {
      throw new UserError(damaged + firstLine(e), e);
    } catch (IOException e) {
      throw new UserError("cannot read the metadata of process " + id + ": " + describe(e), e);
    }
  }

  /** The CRC32C of the metadata's text without the checksum. */
  private static String checksumOf(ProcessInfo info) {
    CRC32C crc = new CRC32C();
    crc.update(MetadataJson.process(info, null));
    return Long.toHexString(crc.getValue());
  }

  private static String firstLine(Exception e) {
    String why = String.valueOf(e.getMessage());
    return why.lines().findFirst().orElse(why);
  }

  /**
   * Every recorded process whose metadata reads, most recent first; each one whose metadata is
   * damaged goes to {@code skipped} with why, so one bad file never hides the others.
   */
  public List<ProcessInfo> processes(Consumer<String> skipped) throws IOException {
    // In parallel: with many processes, reading their files is most of a listing's time.
    List<Object> outcomes =
        processIds().parallelStream()
            .filter(id -> Files.exists(processDir(id).resolve(PROCESS_FILE)))
            .map(this::readProcessOrWhyNot)
            .toList();
    List<ProcessInfo> processes = new ArrayList<>();
    for (Object outcome : outcomes) {
      if (outcome instanceof ProcessInfo info) {
        processes.add(info);
      } else {
        skipped.accept(outcome + "; left out");
      }
    }
    processes.sort(
        Comparator.comparing(
                ProcessInfo::startTime, Comparator.nullsFirst(Comparator.<Instant>naturalOrder()))
            .reversed());
    return processes;
  }

  /** The process's metadata, or why it cannot be read. */
  private Object readProcessOrWhyNot(String id) {
    try {
      return readProcess(id);
    } catch (UserError e) {
      return e.getMessage();
    } catch (IOException e) {
      return "cannot read the metadata of process " + id + ": " + describe(e);
    }
  }

  /** The IDs of every process folder, whatever state its files are in. */
  public List<String> processIds() throws IOException {
    if (!Files.isDirectory(processesDir())) {
      return List.of();
    }
    try (Stream<Path> dirs = Files.list(processesDir())) {
      return dirs.filter(Files::isDirectory).map(p -> p.getFileName().toString()).toList();
    }
  }

  /** The full ID of the one process whose ID starts with the prefix. */
  public String resolveProcess(String prefix) throws IOException {
    if (prefix.isEmpty()) {
      throw new UserError("empty process ID");
    }
    List<String> matches = processIds().stream().filter(id -> id.startsWith(prefix)).toList();
    return unique("process", prefix, matches);
  }

  private static String unique(String kind, String prefix, List<String> matches) {
    if (matches.isEmpty()) {
      throw new UserError("no " + kind + " matches ID " + prefix);
    }
    if (matches.size() > 1) {
      List<String> shown = matches.stream().sorted().limit(5).toList();
      throw new UserError(
          "ambiguous "
              + kind
              + " ID prefix "
              + prefix
              + ": it matches "
              + matches.size()
              + " ("
              + String.join(", ", shown)
              + (matches.size() > shown.size() ? ", ..." : "")
              + ")");
    }
    return matches.get(0);
  }

  // ---- helpers

  static void writeAtomically(Path target, byte[] bytes) throws IOException {
    Path temp = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".tmp");
    try {
      Files.write(temp, bytes);
      try {
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
      } catch (FileAlreadyExistsException e) {
        // Another run stored the same content first.
      }
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  public static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  public static String describe(Throwable e) {
    if (e instanceof java.nio.file.AccessDeniedException) {
      return "permission denied";
    }
    if (e instanceof NoSuchFileException) {
      return "no such file or directory: " + e.getMessage();
    }
    if (e instanceof java.nio.file.FileSystemException fs && fs.getReason() != null) {
      return fs.getReason();
    }
    String message = e.getMessage();
    return message == null ? e.getClass().getSimpleName() : message;
  }
}
