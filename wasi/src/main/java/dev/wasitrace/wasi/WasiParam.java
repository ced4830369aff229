package dev.wasitrace.wasi;

import static java.util.Objects.requireNonNull;

import run.endive.wasm.types.ValType;

/**
 * One parameter of a WASI function: its name (as the preview1 witx and the WasmEdge socket
 * extension spell it), its wasm type, and what it is to the host. {@link WasiFunction} declares
 * every function's parameters once; what the recorder, replay and the exporters need to know about
 * a call's parameters is derived from these roles.
 */
public record WasiParam(String name, Role role, ValType type) {
  public WasiParam {
    requireNonNull(name);
    requireNonNull(role);
    requireNonNull(type);
  }

  /** What a parameter is to the host. */
  public enum Role {
    /** A descriptor; a call's first one is its {@code fd} (for path_* the directory's). */
    FD,
    /** The path the call acts on: a pointer, with its byte length next. */
    PATH,
    /** The call's second path: rename's and link's new name, symlink's target. */
    PATH2,
    /** Another string the host reads: a pointer, with its byte length next. */
    STRING,
    /** The byte length, or number of entries, of the parameter before it. */
    LENGTH,
    /** Iovecs whose bytes the host takes (the bytes written), with their count next. */
    IOVS_IN,
    /** Iovecs the host fills (the bytes read), with their count next. */
    IOVS_OUT,
    /** A buffer the host fills with the call's data (random bytes), with its length next. */
    DATA_OUT,
    /** A structure the host reads (an address, subscriptions, hints, an option's value). */
    IN,
    /** Something else the host writes: a structure, a list, a second count. */
    OUT,
    /** Where the host writes the call's result: a count or a descriptor, 4 bytes. */
    RESULT,
    /** Where the host writes the call's result: an offset or a time, 8 bytes. */
    RESULT64,
    /** A number or a set of flags, taken as it is. */
    VALUE
  }

  static WasiParam fd(String name) {
    return new WasiParam(name, Role.FD, ValType.I32);
  }

  static WasiParam path(String name) {
    return new WasiParam(name, Role.PATH, ValType.I32);
  }

  static WasiParam path2(String name) {
    return new WasiParam(name, Role.PATH2, ValType.I32);
  }

  static WasiParam string(String name) {
    return new WasiParam(name, Role.STRING, ValType.I32);
  }

  static WasiParam length(String name) {
    return new WasiParam(name, Role.LENGTH, ValType.I32);
  }

  static WasiParam iovsIn(String name) {
    return new WasiParam(name, Role.IOVS_IN, ValType.I32);
  }

  static WasiParam iovsOut(String name) {
    return new WasiParam(name, Role.IOVS_OUT, ValType.I32);
  }

  static WasiParam dataOut(String name) {
    return new WasiParam(name, Role.DATA_OUT, ValType.I32);
  }

  static WasiParam in(String name) {
    return new WasiParam(name, Role.IN, ValType.I32);
  }

  static WasiParam out(String name) {
    return new WasiParam(name, Role.OUT, ValType.I32);
  }

  static WasiParam result(String name) {
    return new WasiParam(name, Role.RESULT, ValType.I32);
  }

  static WasiParam result64(String name) {
    return new WasiParam(name, Role.RESULT64, ValType.I32);
  }

  static WasiParam u32(String name) {
    return new WasiParam(name, Role.VALUE, ValType.I32);
  }

  static WasiParam u64(String name) {
    return new WasiParam(name, Role.VALUE, ValType.I64);
  }
}
