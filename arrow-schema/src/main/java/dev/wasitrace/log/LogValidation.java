package dev.wasitrace.log;

import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.SmallIntVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.complex.FixedSizeListVector;
import org.apache.arrow.vector.util.ValueVectorUtility;

/**
 * Checks a batch's structure before anything uses it, so it can be handed to native code (DuckDB
 * reads offsets and indexes without checking). A batch whose checksum matched is as its writer made
 * it: Arrow's validation of its buffers (every buffer large enough for its values) suffices. One
 * without (a format-1 log) gets the full one (every offset within its data, every function index
 * within the dictionary), which costs several times more.
 */
final class LogValidation {
  private LogValidation() {}

  /** What is wrong with the batch, or null. */
  static String problem(VectorSchemaRoot batch, int functions, boolean checksummed) {
    String column = "";
    try {
      for (FieldVector vector : batch.getFieldVectors()) {
        column = vector.getName();
        if (vector.getValueCount() != batch.getRowCount()) {
          return vector.getName()
              + " holds "
              + vector.getValueCount()
              + " values for "
              + batch.getRowCount()
              + " rows";
        }
        // Arrow 19's validator does not take fixed-size lists: their values, and their count.
        FieldVector values =
            vector instanceof FixedSizeListVector list ? list.getDataVector() : vector;
        if (vector instanceof FixedSizeListVector list
            && values.getValueCount() < list.getValueCount() * list.getListSize()) {
          return column + " holds too few values for its lists";
        }
        if (checksummed) {
          ValueVectorUtility.validate(values);
        } else {
          ValueVectorUtility.validateFull(values);
        }
      }
    } catch (RuntimeException e) {
      return column + ": " + LogReader.messageOf(e);
    }
    if (checksummed) {
      return null;
    }
    if (batch.getVector(LogSchema.FUNC) instanceof SmallIntVector func) {
      for (int i = 0; i < func.getValueCount(); i++) {
        int index = func.isNull(i) ? 0 : func.get(i);
        if (index < 0 || index >= functions) {
          return "function index " + index + " outside the dictionary of " + functions;
        }
      }
    } else {
      return "no func column of dictionary indexes";
    }
    return null;
  }
}
