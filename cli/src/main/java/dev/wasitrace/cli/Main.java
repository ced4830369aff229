package dev.wasitrace.cli;

import dev.wasitrace.log.ArrowStartup;
import dev.wasitrace.registry.Registry;
import dev.wasitrace.registry.UserError;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** The {@code wasitrace} command: parses, hands over to one command class, prints. */
@Command(
    name = "wasitrace",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description = "Record what WebAssembly programs do, replay it, and analyse it with SQL.")
public final class Main {
  /** The commands, in the order {@code --help} lists them. */
  private static final List<Class<?>> COMMANDS =
      List.of(
          RunCommand.class,
          ReplayCommand.class,
          GetCommand.class,
          DescribeCommand.class,
          ExportCommand.class,
          LogsCommand.class,
          QueryCommand.class,
          TraceCommand.class,
          VerifyCommand.class,
          CommandLine.HelpCommand.class);

  /** Where commands read and write; swapped by tests, real streams in production. */
  final InputStream in;

  final PrintStream out;
  final PrintStream err;
  final OutputStream rawOut;
  final OutputStream rawErr;
  final Map<String, String> env;

  @Option(
      names = "--debug",
      scope = ScopeType.INHERIT,
      description = "Show stack traces of errors.")
  boolean debug;

  @Option(
      names = {"-q", "--quiet"},
      scope = ScopeType.INHERIT,
      description =
          "No warnings or notes on stderr, but for damaged data (a damaged log or metadata),"
              + " which is always reported.")
  boolean quiet;

  Main(InputStream in, OutputStream out, OutputStream err, Map<String, String> env) {
    this.in = in;
    this.rawOut = out;
    this.rawErr = err;
    this.out = new PrintStream(out, true, StandardCharsets.UTF_8);
    this.err = new PrintStream(err, true, StandardCharsets.UTF_8);
    this.env = env;
  }

  public static void main(String[] args) {
    ArrowStartup.skipNettyJfrEvents();
    // Unbuffered descriptors: the guest's writes reach the terminal when it makes them.
    int code =
        execute(
            args,
            new FileInputStream(FileDescriptor.in),
            new FileOutputStream(FileDescriptor.out),
            new FileOutputStream(FileDescriptor.err),
            System.getenv());
    System.exit(code);
  }

  /** Runs one command line; returns the exit code. */
  public static int execute(
      String[] args, InputStream in, OutputStream out, OutputStream err, Map<String, String> env) {
    Main main = new Main(in, out, err, env);
    CommandLine commandLine = new CommandLine(main);
    for (Class<?> command : commandsFor(args)) {
      commandLine.addSubcommand(command);
    }
    CommandLine run = commandLine.getSubcommands().get("run");
    if (run != null) {
      run.setStopAtPositional(true);
    }
    commandLine.setOut(new java.io.PrintWriter(main.out, true));
    commandLine.setErr(new java.io.PrintWriter(main.err, true));
    commandLine.setParameterExceptionHandler(
        (e, argv) -> {
          main.err.println("wasitrace: " + e.getMessage());
          main.err.println(
              "Try '"
                  + e.getCommandLine().getCommandSpec().qualifiedName()
                  + " --help' for more information.");
          return 1;
        });
    commandLine.setExecutionExceptionHandler(
        (e, cmd, parsed) -> {
          if (e instanceof UserError) {
            main.err.println("wasitrace: " + e.getMessage());
          } else {
            main.err.println("wasitrace: internal error: " + Registry.describe(e));
            if (!main.debug) {
              main.err.println("(run again with --debug for details)");
            }
          }
          if (main.debug) {
            e.printStackTrace(main.err);
          }
          return 1;
        });
    return commandLine.execute(args);
  }

  /**
   * The commands to build for this command line: only the one it names, when it names one. Picocli
   * reads every command's annotations by reflection as it builds them, a third of a short command's
   * time; the others are needed only for the top-level help and its errors.
   */
  private static List<Class<?>> commandsFor(String[] args) {
    for (String arg : args) {
      if (!arg.startsWith("-")) {
        for (Class<?> command : COMMANDS) {
          Command spec = command.getAnnotation(Command.class);
          if (spec.name().equals(arg) || List.of(spec.aliases()).contains(arg)) {
            return command == CommandLine.HelpCommand.class ? COMMANDS : List.of(command);
          }
        }
        return COMMANDS;
      }
    }
    return COMMANDS;
  }

  /** One warning line on stderr, unless --quiet: the command goes on. */
  void warn(String message) {
    if (!quiet) {
      err.println("wasitrace: warning: " + message);
    }
  }

  /** One note line on stderr, unless --quiet. */
  void note(String message) {
    if (!quiet) {
      err.println("wasitrace: note: " + message);
    }
  }

  /**
   * One warning line on stderr about damaged data, even with --quiet: an answer read from it may
   * lack what was damaged, and a reader that cannot trust its data must say so.
   */
  void damage(String message) {
    err.println("wasitrace: warning: " + message);
  }

  Path registryRoot() {
    return Registry.defaultRoot(env);
  }

  /** The version line of {@code --version}. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"wasitrace " + dev.wasitrace.registry.WasitraceVersion.VERSION};
    }
  }
}
