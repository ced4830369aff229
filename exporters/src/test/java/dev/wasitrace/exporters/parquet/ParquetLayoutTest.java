package dev.wasitrace.exporters.parquet;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The written columns of every table are those of schema version {@link
 * ParquetLayout#SCHEMA_VERSION}, as pinned in {@code layout-v<N>.txt}: a change to a table of
 * {@code queries/} or to the export's mapping fails here until the version is bumped and a new file
 * written, so that files of one version always read together.
 */
class ParquetLayoutTest {
  @Test
  void theLayoutIsTheOneOfItsSchemaVersion() throws IOException {
    String name = "layout-v" + ParquetLayout.SCHEMA_VERSION + ".txt";
    String pinned;
    try (InputStream in = ParquetLayoutTest.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new AssertionError(
            "no "
                + name
                + " beside this test: write it with the layout below\n"
                + ParquetLayout.ofEmptySession().text());
      }
      pinned = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    assertEquals(
        pinned,
        ParquetLayout.ofEmptySession().text(),
        "the exported columns changed: bump ParquetLayout.SCHEMA_VERSION and pin the new layout"
            + " in a new "
            + "layout-v<N>.txt (and say so in exporters/docs/parquet.md)");
  }
}
