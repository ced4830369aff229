package dev.wasitrace.exporters.codetracer;

/**
 * The types of the values a trace holds, written once at its start; a type's id is its ordinal.
 * Type 0 must be None: CodeTracer's readers use type id 0 for the none value.
 */
enum ValueType {
  NONE(TypeKind.NONE, "None"),
  I32(TypeKind.INT, "i32"),
  U32(TypeKind.INT, "u32"),
  I64(TypeKind.INT, "i64"),
  U64(TypeKind.INT, "u64"),
  FD(TypeKind.INT, "fd"),
  POINTER(TypeKind.RAW, "pointer"),
  STRING(TypeKind.STRING, "string"),
  BYTES(TypeKind.STRING, "bytes"),
  FLAGS(TypeKind.STRING, "flags"),
  STRINGS(TypeKind.SEQ, "string[]"),
  F64(TypeKind.FLOAT, "f64"),
  ERRNO(TypeKind.ERROR, "errno");

  private final int kind;
  private final String langType;

  ValueType(int kind, String langType) {
    this.kind = kind;
    this.langType = langType;
  }

  int id() {
    return ordinal();
  }

  /** The TypeKind number (FORMAT.md §1.5). */
  int kind() {
    return kind;
  }

  String langType() {
    return langType;
  }

  /** TypeKind numbers used here; the enumeration has been stable since 2024. */
  private static final class TypeKind {
    static final int SEQ = 0;
    static final int INT = 7;
    static final int FLOAT = 8;
    static final int STRING = 9;
    static final int RAW = 16;
    static final int ERROR = 24;
    static final int NONE = 30;
  }
}
