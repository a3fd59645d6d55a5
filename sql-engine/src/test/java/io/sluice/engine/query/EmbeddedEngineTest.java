package io.sluice.engine.query;

import io.sluice.engine.log.EmbeddedLogIO;
import io.sluice.engine.log.LogIO;
import io.sluice.storage.FileLogStore;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The engine's contract over the embedded log (a file log store in a temp directory). */
class EmbeddedEngineTest extends EngineContractTests {

  @TempDir
  Path dir;

  private FileLogStore store;

  @Override
  protected LogIO open() throws Exception {
    store = FileLogStore.open(dir.resolve("logs"));
    return new EmbeddedLogIO(store);
  }

  @Override
  protected void release() throws Exception {
    store.close();
  }
}
