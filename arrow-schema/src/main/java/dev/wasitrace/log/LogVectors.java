package dev.wasitrace.log;

import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.SmallIntVector;
import org.apache.arrow.vector.TimeStampNanoTZVector;
import org.apache.arrow.vector.VarBinaryVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.complex.FixedSizeListVector;

/** Typed handles on the vectors of a log batch, one per {@link LogSchema} column. */
final class LogVectors {
  final VectorSchemaRoot root;
  final BigIntVector seq;
  final TimeStampNanoTZVector ts;
  final BigIntVector duration;
  final SmallIntVector func;
  final FixedSizeListVector params;
  final BigIntVector paramValues;
  final IntVector errno;
  final BigIntVector result;
  final IntVector fd;
  final BigIntVector size;
  final VarBinaryVector data;
  final VarCharVector path;
  final VarBinaryVector memWrites;
  final VarCharVector proto;
  final VarCharVector localAddr;
  final VarCharVector peerAddr;
  final VarCharVector path2; // null in a log older than format version 3

  LogVectors(VectorSchemaRoot root) {
    this.root = root;
    seq = (BigIntVector) root.getVector(LogSchema.SEQ);
    ts = (TimeStampNanoTZVector) root.getVector(LogSchema.TS);
    duration = (BigIntVector) root.getVector(LogSchema.DURATION_NS);
    func = (SmallIntVector) root.getVector(LogSchema.FUNC);
    params = (FixedSizeListVector) root.getVector(LogSchema.PARAMS);
    paramValues = (BigIntVector) params.getDataVector();
    errno = (IntVector) root.getVector(LogSchema.ERRNO);
    result = (BigIntVector) root.getVector(LogSchema.RESULT);
    fd = (IntVector) root.getVector(LogSchema.FD);
    size = (BigIntVector) root.getVector(LogSchema.SIZE);
    data = (VarBinaryVector) root.getVector(LogSchema.DATA);
    path = (VarCharVector) root.getVector(LogSchema.PATH);
    memWrites = (VarBinaryVector) root.getVector(LogSchema.MEM_WRITES);
    proto = (VarCharVector) root.getVector(LogSchema.PROTO);
    localAddr = (VarCharVector) root.getVector(LogSchema.LOCAL_ADDR);
    peerAddr = (VarCharVector) root.getVector(LogSchema.PEER_ADDR);
    path2 = (VarCharVector) root.getVector(LogSchema.PATH2);
  }
}
