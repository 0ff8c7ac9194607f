package io.tally.store;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * A new SQLite store's file, made while its first import still reads its files, and written by that
 * import before it takes its name: when a location names a SQLite file that does not exist yet (in
 * a folder that does), the store's schema is created on a thread of its own in a file beside it
 * ({@code .NAME.new-PID}), which then overlaps the reading ({@link NewSchema}'s script, about 0.15
 * s of CPU in a fresh JVM). {@link #open} hands the import that file, opened {@link
 * Durability#UNTIL_NAMED}: nobody else sees it, so the import writes each page once and syncs
 * nothing until {@link #name()} syncs the whole file and gives it the store's name. {@link
 * #discard()} deletes it when anything fails, so a failed first import leaves no store behind.
 * Anything that goes wrong making the file only deletes it: {@link #open} then opens, or creates,
 * the store under its name as it always does.
 *
 * <p>Example: {@code NewStoreFile ahead = NewStoreFile.start(location); read the files; try
 * (PortfolioStore store = ahead.open(env)) { import; ahead.name(); } catch (RuntimeException e) {
 * ahead.discard(); throw e; }}. Used by one thread.
 */
public final class NewStoreFile {

  private static final System.Logger LOG = System.getLogger(NewStoreFile.class.getName());

  private final String location;
  private final Optional<Made> made;

  /** Whether the made file took its name or was deleted: nothing is left to do with it. */
  private boolean settled;

  /** The file being made, the name it is to take, and the work making it. */
  private record Made(Path file, Path name, FutureTask<Optional<SqliteStore>> work) {}

  private NewStoreFile(String location, Optional<Made> made) {
    this.location = location;
    this.made = made;
  }

  /**
   * Starts making the store file {@code location} names, if it is a SQLite file that does not exist
   * and its folder does; otherwise nothing is made.
   */
  public static NewStoreFile start(String location) {
    requireNonNull(location, "location");
    if (location.isBlank() || location.startsWith("jdbc:")) {
      return new NewStoreFile(location, Optional.empty());
    }
    Path name = Path.of(location).toAbsolutePath().normalize();
    Path folder = name.getParent();
    if (folder == null || !Files.isDirectory(folder) || Files.exists(name)) {
      return new NewStoreFile(location, Optional.empty());
    }
    // One process's own name: two first imports into one new store do not share it.
    Path file = folder.resolve("." + name.getFileName() + ".new-" + ProcessHandle.current().pid());
    FutureTask<Optional<SqliteStore>> work = new FutureTask<>(() -> make(file));
    Thread thread = new Thread(work, "tally-new-store");
    thread.setDaemon(true);
    thread.start();
    return new NewStoreFile(location, Optional.of(new Made(file, name, work)));
  }

  /**
   * The store to import into: the made file, still without its name, when it was made and nobody
   * took the name meanwhile; otherwise the store {@code location} names, opened (or created) as
   * {@link PortfolioStore#open(String, Map)} does, with the made file deleted.
   */
  public PortfolioStore open(Map<String, String> env) {
    requireNonNull(env, "env");
    if (made.isPresent() && !settled) {
      Optional<SqliteStore> store = finished(made.get().work());
      if (store.isPresent() && !Files.exists(made.get().name())) {
        return store.get();
      }
      discard();
    }
    return PortfolioStore.open(location, env);
  }

  /**
   * Gives the made file the store's name once its import has written all it writes: closes the
   * store {@link #open} gave, syncs the file whole and links it under the name. Does nothing when
   * {@link #open} gave the store under its name.
   *
   * @throws StoreException if the file cannot be readied or synced, or another process made a store
   *     under the name while the import wrote (then nothing was imported into that store, and the
   *     made file is deleted)
   */
  public void name() {
    if (made.isEmpty() || settled) {
      return;
    }
    Made file = made.get();
    try {
      finished(file.work()).orElseThrow().closeForNaming();
      giveName(file);
      syncFolder(file.name().getParent());
    } finally {
      settled = true;
      delete(file.file());
    }
  }

  /**
   * Gives the made file the store's name: a hard link, which fails as one step when the name is
   * taken (where a rename would replace a store made meanwhile); on a file system without links, a
   * move that does not replace what is there.
   */
  private static void giveName(Made file) {
    try {
      if (!linked(file)) {
        Files.move(file.file(), file.name());
      }
    } catch (FileAlreadyExistsException e) {
      throw takenMeanwhile(file);
    } catch (IOException e) {
      throw new StoreException(
          "Could not give " + file.file() + " the name " + file.name() + ": " + e, e);
    }
  }

  /**
   * Links the made file under the store's name: false where the file system makes no hard link (it
   * does not support them, or refuses this one for a reason other than the name being taken), and
   * {@link #giveName} moves the file instead.
   *
   * @throws FileAlreadyExistsException if the name is taken
   */
  private static boolean linked(Made file) throws FileAlreadyExistsException {
    try {
      Files.createLink(file.name(), file.file());
      return true;
    } catch (FileAlreadyExistsException e) {
      throw e;
    } catch (IOException | UnsupportedOperationException e) {
      return false;
    }
  }

  private static StoreException takenMeanwhile(Made file) {
    return new StoreException(
        file.name()
            + " was made by another process while this import wrote a new store beside it;"
            + " nothing was imported into "
            + file.name()
            + ": run the import again");
  }

  /**
   * Closes and deletes the made file, unless it already took its name: the import it was made for
   * failed, or goes into a store made meanwhile.
   */
  public void discard() {
    if (made.isEmpty() || settled) {
      return;
    }
    settled = true;
    Made file = made.get();
    try {
      finished(file.work()).ifPresent(SqliteStore::close);
    } finally {
      delete(file.file());
    }
  }

  /**
   * Creates the store's schema in {@code file} and keeps it open for the import; empty, with
   * nothing left behind, if that fails.
   */
  private static Optional<SqliteStore> make(Path file) {
    delete(file);
    try {
      return Optional.of(SqliteStore.open(file, Clock.systemUTC(), Durability.UNTIL_NAMED));
    } catch (RuntimeException e) {
      delete(file);
      return Optional.empty();
    }
  }

  private static Optional<SqliteStore> finished(FutureTask<Optional<SqliteStore>> work) {
    try {
      return work.get();
    } catch (ExecutionException e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
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
