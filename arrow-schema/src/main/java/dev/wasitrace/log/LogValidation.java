package dev.wasitrace.log;

import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.SmallIntVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.complex.FixedSizeListVector;
import org.apache.arrow.vector.util.ValueVectorUtility;

/**
 * Checks a batch's structure before anything uses it: Arrow's full validation (buffer sizes,
 * offsets within their data, null counts) and every function index within the dictionary. A batch
 * that passes can be handed to native code (DuckDB reads offsets and indexes without checking).
 */
final class LogValidation {
  private LogValidation() {}

  /** What is wrong with the batch, or null. */
  static String problem(VectorSchemaRoot batch, int functions) {
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
        if (vector instanceof FixedSizeListVector list) {
          // Arrow 19's validator does not take fixed-size lists: their values, and their count.
          ValueVectorUtility.validateFull(list.getDataVector());
          if (list.getDataVector().getValueCount() < list.getValueCount() * list.getListSize()) {
            return column + " holds too few values for its lists";
          }
        } else {
          ValueVectorUtility.validateFull(vector);
        }
      }
    } catch (RuntimeException e) {
      return column + ": " + LogReader.messageOf(e);
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
