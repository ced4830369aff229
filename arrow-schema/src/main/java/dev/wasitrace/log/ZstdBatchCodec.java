package dev.wasitrace.log;

import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdCompressCtx;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.compression.AbstractCompressionCodec;
import org.apache.arrow.vector.compression.CompressionUtil;

/**
 * Arrow's zstd codec, made for a writer that compresses batch after batch on one thread: one zstd
 * context for the whole log, and every compressed buffer of a batch carved out of one reusable
 * off-heap area. Arrow's own codec creates a context and allocates (and zeroes) a fresh buffer for
 * each column of each batch, which cost more than compressing bulk socket data. The output is
 * ordinary Arrow IPC zstd compression.
 *
 * <p>The values of the data column are compressed where they lie ({@link #compressValues}), so bulk
 * traffic is read once, by zstd, instead of being gathered into an Arrow buffer first.
 */
final class ZstdBatchCodec extends AbstractCompressionCodec implements AutoCloseable {
  private static final long MIN_AREA = 1 << 20;

  // zstd's strategies (ZSTD_strategy): 0 leaves the level's own; 2 is dfast.
  private static final int LEVEL_STRATEGY = 0;
  private static final int DFAST = 2;
  // Words of a buffer compared with the word before them to tell a repetitive buffer.
  private static final int SAMPLES = 256;

  private final BufferAllocator allocator;
  private final ZstdCompressCtx context;
  // Whether buffers that mostly repeat get dfast (see mostlyRepeats): only at level 1, whose own
  // strategy is the one that is slow on them.
  private final boolean dfastForRepeats;
  private int strategy = LEVEL_STRATEGY;
  private ArrowBuf area;
  private long used;
  // Where a run of values is compressed before it joins the area (zstd-jni compresses heap
  // arrays only into heap arrays); compressed runs are small, so the copy is cheap.
  private byte[] scratch = new byte[0];

  ZstdBatchCodec(BufferAllocator allocator, int level) {
    this.allocator = allocator;
    this.context = new ZstdCompressCtx().setLevel(level);
    this.dfastForRepeats = level == 1;
  }

  /** Called before each batch: the previous batch's buffers have been written and released. */
  void startBatch() {
    used = 0;
  }

  @Override
  protected ArrowBuf doCompress(BufferAllocator unused, ArrowBuf uncompressed) {
    long length = uncompressed.writerIndex();
    long room = CompressionUtil.SIZE_OF_UNCOMPRESSED_LENGTH + Zstd.compressBound(length);
    ensureRoom(room);
    long start = used;
    ByteBuffer target =
        area.nioBuffer(start + CompressionUtil.SIZE_OF_UNCOMPRESSED_LENGTH, (int) (room - 8));
    ByteBuffer source = uncompressed.nioBuffer(0, (int) length);
    useStrategy(dfastForRepeats && mostlyRepeats(uncompressed, length) ? DFAST : LEVEL_STRATEGY);
    int compressed =
        context.compressDirectByteBuffer(target, 0, target.capacity(), source, 0, (int) length);
    long total = CompressionUtil.SIZE_OF_UNCOMPRESSED_LENGTH + compressed;
    return handOut(start, total);
  }

  /**
   * A variable-width column's value bytes as one compressed Arrow buffer, taken from the row
   * buffer's arena and kept arrays where they lie: each run of bytes is compressed on its own, and
   * the buffer holds their zstd frames one after the other (a zstd stream may hold several frames,
   * and Arrow's decompression reads them all). Bytes that don't shrink are stored raw, as Arrow
   * does.
   */
  ArrowBuf compressValues(RowBuffer.Bytes column) throws IOException {
    long length = column.length;
    long room = CompressionUtil.SIZE_OF_UNCOMPRESSED_LENGTH + Zstd.compressBound(length);
    ensureRoom(room);
    long start = used;
    long body = start + CompressionUtil.SIZE_OF_UNCOMPRESSED_LENGTH;
    useStrategy(LEVEL_STRATEGY);
    AreaOutput out = new AreaOutput(body, start + room);
    column.forEachRun(
        (bytes, from, count) -> {
          int bound = (int) Zstd.compressBound(count);
          if (scratch.length < bound) {
            scratch = new byte[bound];
          }
          out.write(scratch, 0, context.compressByteArray(scratch, 0, bound, bytes, from, count));
        });
    if (length > 0 && out.at - body >= length) {
      out.at = body;
      column.forEachRun(out::write);
      area.setLong(start, CompressionUtil.NO_COMPRESSION_LENGTH);
    } else {
      area.setLong(start, length);
    }
    long total = out.at - start;
    return handOut(start, total);
  }

  /**
   * Whether most 8-byte words of the first {@code length} bytes repeat the word before them, as in
   * constant or slowly changing columns (result, size, errno, fd, validity). At level 1, zstd's
   * fast strategy spends as long on such a column as on a noisy one (about 25 ns a row for a
   * constant int64 column), where dfast takes about 1 ns and writes less; on noisy columns
   * (timestamps, sequence numbers) dfast is the slower one. A sample of words decides.
   */
  static boolean mostlyRepeats(ArrowBuf buffer, long length) {
    long words = length / 8;
    if (words < 2) {
      return false;
    }
    long step = Math.max(1, (words - 1) / SAMPLES);
    int seen = 0;
    int repeats = 0;
    for (long w = 1; w < words; w += step) {
      seen++;
      if (buffer.getLong(w * 8) == buffer.getLong((w - 1) * 8)) {
        repeats++;
      }
    }
    return repeats * 4 >= seen * 3;
  }

  private void useStrategy(int wanted) {
    if (strategy != wanted) {
      context.setStrategy(wanted);
      strategy = wanted;
    }
  }

  /** The area's bytes {@code [start, start + total)} as a buffer of their own, for the batch. */
  private ArrowBuf handOut(long start, long total) {
    used = (start + total + 7) & ~7L;
    // The batch releases what it is given; the area stays ours.
    area.getReferenceManager().retain();
    ArrowBuf slice = area.slice(start, total);
    slice.writerIndex(total);
    return slice;
  }

  /** Writes into the area, within a limit (checked here: Arrow's own checks are off). */
  private final class AreaOutput extends OutputStream {
    long at;
    private final long limit;

    AreaOutput(long at, long limit) {
      this.at = at;
      this.limit = limit;
    }

    @Override
    public void write(int b) throws IOException {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] bytes, int from, int count) throws IOException {
      if (at + count > limit) {
        throw new IOException("compressed batch larger than its reserved room");
      }
      area.setBytes(at, bytes, from, count);
      at += count;
    }
  }

  private void ensureRoom(long room) {
    if (area != null && used + room <= area.capacity()) {
      return;
    }
    long capacity = Math.max(MIN_AREA, Math.max(room, area == null ? 0 : area.capacity() * 2));
    if (area != null) {
      // Slices handed out for this batch keep the old area alive until the batch is released.
      area.close();
    }
    area = allocator.buffer(capacity);
    used = 0;
  }

  @Override
  protected ArrowBuf doDecompress(BufferAllocator allocator, ArrowBuf compressed) {
    // Readers use Arrow's own codec (see LogReader).
    throw new UnsupportedOperationException("the log writer's codec only compresses");
  }

  @Override
  public CompressionUtil.CodecType getCodecType() {
    return CompressionUtil.CodecType.ZSTD;
  }

  @Override
  public void close() {
    if (area != null) {
      area.close();
      area = null;
    }
    context.close();
  }
}
