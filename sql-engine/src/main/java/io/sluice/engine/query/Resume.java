package io.sluice.engine.query;

import io.sluice.engine.exec.SinkOperator;
import io.sluice.engine.log.Header;
import io.sluice.engine.log.InRecord;
import io.sluice.engine.log.LogIO;
import io.sluice.engine.log.LogReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;

/**
 * Where a restarted persistent query resumes: its checkpoint's input positions, moved past every
 * input record whose output is in the output topic after the checkpoint. Output records name the
 * input record they came from in the {@link SinkOperator#SOURCE_HEADER} header
 * ({@code queryId/partition/offset}); records of other writers are ignored. Input that produced
 * no output (filtered) after the last output is read and filtered again, producing nothing
 * twice; output is neither lost nor written twice.
 */
final class Resume {

  private Resume() {}

  static Map<Integer, Long> positions(LogIO io, String queryId, String outputTopic,
      ProgressStore.Checkpoint checkpoint) {
    Map<Integer, Long> positions = new HashMap<>(checkpoint.input());
    String prefix = queryId + "/";
    try (LogReader reader = io.reader()) {
      for (Map.Entry<Integer, Long> e : checkpoint.output().entrySet()) {
        TopicPartition tp = new TopicPartition(outputTopic, e.getKey());
        long end = io.endOffset(tp);
        long from = Math.max(e.getValue(), io.startOffset(tp));
        if (from >= end) {
          continue;
        }
        reader.assign(Map.of(tp, from));
        while (reader.position(tp) < end) {
          List<InRecord> records = reader.poll(Duration.ofSeconds(5));
          if (records.isEmpty()) {
            break;
          }
          for (InRecord r : records) {
            for (Header h : r.headers()) {
              if (h.key().equals(SinkOperator.SOURCE_HEADER) && h.value() != null) {
                String origin = new String(h.value(), StandardCharsets.UTF_8);
                if (origin.startsWith(prefix)) {
                  String[] parts = origin.substring(prefix.length()).split("/");
                  int partition = Integer.parseInt(parts[0]);
                  long next = Long.parseLong(parts[1]) + 1;
                  positions.merge(partition, next, Math::max);
                }
              }
            }
          }
        }
      }
    }
    return positions;
  }
}
