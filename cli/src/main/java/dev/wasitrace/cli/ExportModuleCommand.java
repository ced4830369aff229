package dev.wasitrace.cli;

import dev.wasitrace.registry.ModuleInfo;
import dev.wasitrace.registry.Registry;
import dev.wasitrace.registry.UserError;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code wasitrace export module ID FILE}: the stored module's bytes, exactly. */
@Command(
    name = "module",
    aliases = {"modules", "mod", "mods", "mo"},
    mixinStandardHelpOptions = true,
    description = "Write a stored module's wasm bytes to FILE ('-' for stdout).")
final class ExportModuleCommand implements Callable<Integer> {
  @ParentCommand ExportCommand export;

  @Parameters(
      index = "0",
      paramLabel = "ID",
      description = "Module ID (sha256:<hex>), or a unique prefix of its hex digest.")
  String idPrefix;

  @Parameters(index = "1", paramLabel = "FILE", description = "Where to write the module.")
  Path file;

  @Override
  public Integer call() throws IOException {
    Registry registry = Registry.open(export.main.registryRoot());
    ModuleInfo module = DescribeModuleCommand.resolve(registry, idPrefix);
    byte[] bytes = registry.moduleBytes(module.digest());
    if (file.toString().equals("-")) {
      export.main.rawOut.write(bytes);
      export.main.rawOut.flush();
      return 0;
    }
    try {
      Files.write(file, bytes);
    } catch (AccessDeniedException e) {
      throw new UserError("cannot write " + file + ": permission denied", e);
    } catch (NoSuchFileException e) {
      throw new UserError("cannot write " + file + ": its folder does not exist", e);
    } catch (IOException e) {
      throw new UserError("cannot write " + file + ": " + Registry.describe(e), e);
    }
    return 0;
  }
}
