package dev.wasitrace.bench.corruption;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.flatbuf.MessageHeader;
import org.apache.arrow.vector.ipc.ReadChannel;
import org.apache.arrow.vector.ipc.message.MessageMetadataResult;
import org.apache.arrow.vector.ipc.message.MessageSerializer;
import org.apache.arrow.vector.util.ByteArrayReadableSeekableByteChannel;

/**
 * The messages of a whole (undamaged) Arrow IPC stream and where each lies in it, as Arrow Java's
 * own reader finds them: {@link MessageSerializer#readMessage} reads one message's length prefix
 * and flatbuffer metadata and says how long its body is; the next message starts after that body.
 */
final class IpcMessages {
  private IpcMessages() {}

  /** What a message is. */
  enum Type {
    SCHEMA,
    DICTIONARY,
    RECORD_BATCH,
    /** The end-of-stream marker: a prefix with metadata length 0, nothing else. */
    END_OF_STREAM,
    OTHER
  }

  /**
   * One message: {@code prefixLength} bytes of continuation marker and length at {@code offset},
   * then {@code metadataLength} bytes of flatbuffer (padding included), then {@code bodyLength}
   * bytes of body.
   */
  record Message(Type type, int offset, int prefixLength, int metadataLength, int bodyLength) {
    int metadataStart() {
      return offset + prefixLength;
    }

    int bodyStart() {
      return metadataStart() + metadataLength;
    }

    int end() {
      return bodyStart() + bodyLength;
    }

    int length() {
      return end() - offset;
    }
  }

  /** Every message of {@code stream}, in order; fails if the stream is not a whole IPC stream. */
  static List<Message> of(byte[] stream) throws IOException {
    List<Message> messages = new ArrayList<>();
    try (ByteArrayReadableSeekableByteChannel channel =
        new ByteArrayReadableSeekableByteChannel(stream)) {
      long offset = 0;
      while (offset < stream.length) {
        channel.position(offset);
        ReadChannel in = new ReadChannel(channel);
        MessageMetadataResult result = MessageSerializer.readMessage(in);
        int prefix = prefixLength(stream, (int) offset);
        if (result == null) {
          messages.add(new Message(Type.END_OF_STREAM, (int) offset, (int) in.bytesRead(), 0, 0));
          offset += in.bytesRead();
          break;
        }
        int metadata = (int) in.bytesRead() - prefix;
        long body = result.getMessageBodyLength();
        if (offset + in.bytesRead() + body > stream.length) {
          throw new IOException("message at " + offset + " runs past the end of the stream");
        }
        messages.add(
            new Message(typeOf(result.headerType()), (int) offset, prefix, metadata, (int) body));
        offset += in.bytesRead() + body;
      }
      if (offset != stream.length) {
        throw new IOException(
            (stream.length - offset) + " bytes after the end-of-stream marker at " + offset);
      }
    }
    return List.copyOf(messages);
  }

  /** The record batches of {@code messages}, in order. */
  static List<Message> batches(List<Message> messages) {
    return messages.stream().filter(m -> m.type() == Type.RECORD_BATCH).toList();
  }

  /** The first message of {@code type}, or null. */
  static Message first(List<Message> messages, Type type) {
    return messages.stream().filter(m -> m.type() == type).findFirst().orElse(null);
  }

  /** 8 bytes (0xFFFFFFFF, then the length) since Arrow 0.15; 4 (the length alone) before. */
  private static int prefixLength(byte[] stream, int offset) {
    boolean continuation =
        offset + 4 <= stream.length
            && stream[offset] == (byte) 0xFF
            && stream[offset + 1] == (byte) 0xFF
            && stream[offset + 2] == (byte) 0xFF
            && stream[offset + 3] == (byte) 0xFF;
    return continuation ? 8 : 4;
  }

  private static Type typeOf(byte header) {
    return switch (header) {
      case MessageHeader.Schema -> Type.SCHEMA;
      case MessageHeader.DictionaryBatch -> Type.DICTIONARY;
      case MessageHeader.RecordBatch -> Type.RECORD_BATCH;
      default -> Type.OTHER;
    };
  }
}
