package dev.wasitrace.cli;

import dev.wasitrace.registry.ModuleInfo;
import dev.wasitrace.registry.Registry;
import java.io.IOException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

/** {@code wasitrace get module}: the WebAssembly modules stored in the registry. */
@Command(
    name = "module",
    aliases = {"modules", "mod", "mods", "mo"},
    mixinStandardHelpOptions = true,
    description = "Stored WebAssembly modules, most recently stored first.")
final class GetModuleCommand implements Callable<Integer> {
  /** Short module IDs are the first hex digits of the sha256, as in Timecraft and Docker. */
  static final int SHORT_ID_LENGTH = 12;

  @ParentCommand GetCommand get;
  @Mixin OutputOption output;

  @Override
  public Integer call() throws IOException {
    Registry registry = Registry.open(get.main.registryRoot());
    new Listing<ModuleInfo>()
        .column("MODULE ID", "module_id", GetModuleCommand::shortId, ModuleInfo::id)
        .column("MODULE NAME", "module_name", ModuleInfo::name, ModuleInfo::name)
        .column("SIZE", "size", m -> ByteSize.format(m.size()), ModuleInfo::size)
        .field("stored_time", m -> Listing.iso(m.storedTime()))
        .print(get.main.out, output.format, registry.modules(get.main::damage));
    return 0;
  }

  static String shortId(ModuleInfo module) {
    return module.digest().substring(0, Math.min(SHORT_ID_LENGTH, module.digest().length()));
  }
}
