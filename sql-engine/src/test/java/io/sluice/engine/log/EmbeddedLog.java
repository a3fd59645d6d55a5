package io.sluice.engine.log;

import io.sluice.storage.FileLogStore;
import java.io.IOException;
import java.nio.file.Path;

/** A file log store in a directory and the engine's LogIO over it, closed together. */
public final class EmbeddedLog implements AutoCloseable {

  private final FileLogStore store;
  private final EmbeddedLogIO io;

  private EmbeddedLog(FileLogStore store) {
    this.store = store;
    this.io = new EmbeddedLogIO(store);
  }

  /** Opens (creating) the log in {@code dir}. */
  public static EmbeddedLog open(Path dir) throws IOException {
    return new EmbeddedLog(FileLogStore.open(dir));
  }

  public EmbeddedLogIO io() {
    return io;
  }

  @Override
  public void close() throws Exception {
    io.close();
    store.close();
  }
}
