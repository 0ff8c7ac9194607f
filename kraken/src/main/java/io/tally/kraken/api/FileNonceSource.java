package io.tally.kraken.api;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static java.util.Objects.requireNonNull;

import io.tally.kraken.KrakenException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;

/**
 * Nonces {@code max(now in microseconds, last + 1)} whose high-water mark lives in a file, so that
 * neither a restart nor a clock that steps backwards ever repeats or lowers a nonce. Each nonce is
 * written to a temporary file, forced to disk and atomically moved over the file <em>before</em> it
 * is returned.
 *
 * <p>Example: a file holding {@code 1756935121565366} and a clock one hour behind give {@code
 * 1756935121565367}, and the file then holds that. Thread-safe within one process; use one instance
 * (and one file) per API key.
 */
public final class FileNonceSource implements NonceSource {

  private final Path file;
  private final Path temporary;
  private final Clock clock;
  private long last;

  /**
   * A source that continues above the value stored in {@code file}, or starts from the clock when
   * there is no file yet.
   *
   * @throws KrakenException when the file exists but cannot be read or does not hold a nonce
   */
  public FileNonceSource(Path file, Clock clock) {
    this.file = requireNonNull(file, "file").toAbsolutePath();
    this.temporary = this.file.resolveSibling(this.file.getFileName() + ".tmp");
    this.clock = requireNonNull(clock, "clock");
    this.last = read(this.file);
  }

  /**
   * The next nonce, stored before it is returned.
   *
   * @throws KrakenException when the high-water mark cannot be written; no nonce is handed out
   */
  @Override
  public synchronized long next() {
    long nonce = Math.max(ClockNonceSource.micros(clock.instant()), Math.addExact(last, 1));
    write(nonce);
    last = nonce;
    return nonce;
  }

  /** The file that holds the high-water mark. */
  public Path file() {
    return file;
  }

  @Override
  public String toString() {
    return "FileNonceSource[" + file + "]";
  }

  private static long read(Path file) {
    String text;
    try {
      text = Files.readString(file, US_ASCII).strip();
    } catch (NoSuchFileException e) {
      return 0;
    } catch (IOException e) {
      throw KrakenException.unreadable(file.toString(), e);
    }
    try {
      long value = Long.parseLong(text);
      if (value < 0) {
        throw new NumberFormatException("negative");
      }
      return value;
    } catch (NumberFormatException e) {
      throw KrakenException.badFile(
          file.toString(), "not a nonce high-water mark (a non-negative integer): '" + text + "'");
    }
  }

  private void write(long nonce) {
    try {
      Path parent = file.getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      try (FileChannel channel =
          FileChannel.open(
              temporary,
              StandardOpenOption.CREATE,
              StandardOpenOption.WRITE,
              StandardOpenOption.TRUNCATE_EXISTING)) {
        ByteBuffer bytes = ByteBuffer.wrap((nonce + "\n").getBytes(US_ASCII));
        while (bytes.hasRemaining()) {
          channel.write(bytes);
        }
        channel.force(true);
      }
      Files.move(
          temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      if (parent != null) {
        forceDirectory(parent);
      }
    } catch (IOException e) {
      throw KrakenException.unwritable(file.toString(), e);
    }
  }

  /** Makes the rename durable where the platform allows opening a directory. */
  private static void forceDirectory(Path directory) {
    try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
      channel.force(true);
    } catch (IOException | UnsupportedOperationException e) {
      // Not every platform can open a directory (Windows); the file itself was forced.
    }
  }
}
