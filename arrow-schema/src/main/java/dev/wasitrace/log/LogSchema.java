package dev.wasitrace.log;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.DictionaryEncoding;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * The Arrow schema of a process log: one row per host call. Documented in arrow-schema/README.md;
 * bump {@link #VERSION} on any incompatible change.
 */
public final class LogSchema {
  /** Version of the log format, stored in the stream's schema metadata. */
  public static final int VERSION = 3;

  public static final String META_VERSION = "wasitrace.log.version";
  public static final String META_FUNCTIONS = "wasitrace.log.functions";
  public static final String META_PROCESS_ID = "wasitrace.process_id";

  public static final String SEQ = "seq";
  public static final String TS = "ts";
  public static final String DURATION_NS = "duration_ns";
  public static final String FUNC = "func";
  public static final String PARAMS = "params";
  public static final String ERRNO = "errno";
  public static final String RESULT = "result";
  public static final String FD = "fd";
  public static final String SIZE = "size";
  public static final String DATA = "data";
  public static final String PATH = "path";
  public static final String MEM_WRITES = "mem_writes";
  public static final String PROTO = "proto";
  public static final String LOCAL_ADDR = "local_addr";
  public static final String PEER_ADDR = "peer_addr";

  /** The second path of path_rename, path_link and path_symlink; since format version 3. */
  public static final String PATH2 = "path2";

  /**
   * Slots of the params column; a call's parameters fill the first ones, the rest are null. WASI
   * functions take at most 9 (path_open).
   */
  public static final int MAX_PARAMS = 10;

  /** Dictionary id of the function-name dictionary. */
  public static final long FUNC_DICTIONARY_ID = 0;

  static final ArrowType.Int FUNC_INDEX_TYPE = new ArrowType.Int(16, true);

  private LogSchema() {}

  /** The schema as held in memory (func as its dictionary index), with the given metadata. */
  public static Schema schema(Map<String, String> metadata) {
    List<Field> fields = new ArrayList<>();
    fields.add(notNull(SEQ, new ArrowType.Int(64, true)));
    fields.add(notNull(TS, new ArrowType.Timestamp(TimeUnit.NANOSECOND, "UTC")));
    fields.add(notNull(DURATION_NS, new ArrowType.Int(64, true)));
    fields.add(
        new Field(
            FUNC,
            new FieldType(
                false,
                FUNC_INDEX_TYPE,
                new DictionaryEncoding(FUNC_DICTIONARY_ID, false, FUNC_INDEX_TYPE)),
            null));
    // Fixed size: a variable list's offsets would cost more in the log than the values.
    fields.add(
        new Field(
            PARAMS,
            FieldType.notNullable(new ArrowType.FixedSizeList(MAX_PARAMS)),
            List.of(nullable("item", new ArrowType.Int(64, true)))));
    fields.add(nullable(ERRNO, new ArrowType.Int(32, true)));
    fields.add(nullable(RESULT, new ArrowType.Int(64, true)));
    fields.add(nullable(FD, new ArrowType.Int(32, true)));
    fields.add(nullable(SIZE, new ArrowType.Int(64, true)));
    fields.add(nullable(DATA, ArrowType.Binary.INSTANCE));
    fields.add(nullable(PATH, ArrowType.Utf8.INSTANCE));
    fields.add(nullable(MEM_WRITES, ArrowType.Binary.INSTANCE));
    fields.add(nullable(PROTO, ArrowType.Utf8.INSTANCE));
    fields.add(nullable(LOCAL_ADDR, ArrowType.Utf8.INSTANCE));
    fields.add(nullable(PEER_ADDR, ArrowType.Utf8.INSTANCE));
    // New columns go last: an older log's columns are then a prefix of these (see LogColumns).
    fields.add(nullable(PATH2, ArrowType.Utf8.INSTANCE));
    return new Schema(fields, metadata);
  }

  /** The dictionary's value field: function names. */
  static Field functionNameField() {
    return notNull("func_name", ArrowType.Utf8.INSTANCE);
  }

  private static Field notNull(String name, ArrowType type) {
    return new Field(name, FieldType.notNullable(type), null);
  }

  private static Field nullable(String name, ArrowType type) {
    return new Field(name, FieldType.nullable(type), null);
  }
}
