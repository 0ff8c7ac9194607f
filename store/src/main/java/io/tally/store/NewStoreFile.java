package io.tally.store;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * A new SQLite store's file, made while its first import still reads its files: when a location
 * names a SQLite file that does not exist yet (in a folder that does), the store's schema is
 * created on a thread of its own in a file beside it ({@code .NAME.new-PID}), a quarter of a second
 * of Flyway's migration that then overlaps the reading. {@link #place()} gives that file its name
 * once the files have been read, unless the name was taken meanwhile; {@link #discard()} deletes it
 * when they could not be read, so a failed first import leaves no store behind, as before. Anything
 * that goes wrong making the file only deletes it: {@link PortfolioStore#open} then creates the
 * store as it always does, and reports what is wrong.
 *
 * <p>Example: {@code NewStoreFile ahead = NewStoreFile.start(location); read the files, or
 * ahead.discard() if that fails; ahead.place(); PortfolioStore.open(location, env)}. Used by one
 * thread.
 */
public final class NewStoreFile {

  private static final System.Logger LOG = System.getLogger(NewStoreFile.class.getName());

  private final Optional<Made> made;

  /** The file being made, the name it is to take, and the work making it. */
  private record Made(Path file, Path name, FutureTask<Boolean> work) {}

  private NewStoreFile(Optional<Made> made) {
    this.made = made;
  }

  /**
   * Starts making the store file {@code location} names, if it is a SQLite file that does not exist
   * and its folder does; otherwise nothing is made.
   */
  public static NewStoreFile start(String location) {
    requireNonNull(location, "location");
    if (location.isBlank() || location.startsWith("jdbc:")) {
      return new NewStoreFile(Optional.empty());
    }
    Path name = Path.of(location).toAbsolutePath().normalize();
    Path folder = name.getParent();
    if (folder == null || !Files.isDirectory(folder) || Files.exists(name)) {
      return new NewStoreFile(Optional.empty());
    }
    // One process's own name: two first imports into one new store do not share it.
    Path file = folder.resolve("." + name.getFileName() + ".new-" + ProcessHandle.current().pid());
    FutureTask<Boolean> work = new FutureTask<>(() -> make(file));
    Thread thread = new Thread(work, "tally-new-store");
    thread.setDaemon(true);
    thread.start();
    return new NewStoreFile(Optional.of(new Made(file, name, work)));
  }

  /**
   * Waits for the file, then gives it the store's name if nobody took the name meanwhile; deletes
   * it otherwise.
   */
  public void place() {
    made.ifPresent(
        file -> {
          if (finished(file.work()) && linkedUnderName(file)) {
            syncFolder(file.name().getParent());
          }
          delete(file.file());
        });
  }

  /**
   * Links the made file under the store's name: false when the name is taken (a link fails, as one
   * step, where a rename would replace a store made meanwhile) or the file system has no links, and
   * the store then opens, or is created, under its name as usual.
   */
  private static boolean linkedUnderName(Made file) {
    try {
      Files.createLink(file.name(), file.file());
      return true;
    } catch (IOException | UnsupportedOperationException e) {
      return false;
    }
  }

  /** Waits for the file, then deletes it: the import it was made for failed. */
  public void discard() {
    made.ifPresent(
        file -> {
          finished(file.work());
          delete(file.file());
        });
  }

  /** Creates the store's schema in {@code file}; false, with nothing left behind, if it fails. */
  private static boolean make(Path file) {
    delete(file);
    try {
      SqliteStore.open(file).close();
    } catch (RuntimeException e) {
      delete(file);
      return false;
    }
    // Closing the last connection copies SQLite's log into the file and removes it: a log left
    // behind would hold part of the schema, and the file alone would not be the whole store.
    if (Files.exists(sibling(file, "-wal"))) {
      delete(file);
      return false;
    }
    return true;
  }

  private static boolean finished(FutureTask<Boolean> work) {
    try {
      return work.get();
    } catch (ExecutionException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /**
   * Writes the folder's new entry to disk, as SQLite does for the files it creates: a power loss
   * must not take the store's name back once its first import is committed under it.
   */
  private static void syncFolder(Path folder) {
    try (FileChannel channel = FileChannel.open(folder, StandardOpenOption.READ)) {
      channel.force(true);
    } catch (IOException e) {
      // A file system that cannot sync a folder (or a platform that cannot open one) has no more
      // to give here.
    }
  }

  /**
   * Deletes the file and SQLite's log and shared-memory files beside it; one that cannot be deleted
   * is named in a warning, since no later import looks for another process's file.
   */
  private static void delete(Path file) {
    for (Path each : List.of(file, sibling(file, "-wal"), sibling(file, "-shm"))) {
      try {
        Files.deleteIfExists(each);
      } catch (IOException e) {
        LOG.log(System.Logger.Level.WARNING, "Could not delete " + each + "; delete it: " + e);
      }
    }
  }

  private static Path sibling(Path file, String suffix) {
    return file.resolveSibling(file.getFileName() + suffix);
  }
}
