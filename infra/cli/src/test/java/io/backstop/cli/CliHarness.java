package io.backstop.cli;

import io.backstop.events.IncidentEvent;
import io.backstop.events.Topics;
import io.backstop.events.codec.EventCodec;
import io.backstop.stream.publish.AuditPartitioner;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import org.apache.kafka.clients.producer.ProducerRecord;

/** What the CLI's integration tests share: running a command in-process, and seeding the audit. */
public final class CliHarness {

  private CliHarness() {}

  /** A command's exit code and what it printed. */
  public record Result(int code, String out, String err) {}

  /** Runs {@code backstop ARGS --home HOME} in this JVM. */
  public static Result run(Path home, String... args) {
    String[] withHome = new String[args.length + 2];
    System.arraycopy(args, 0, withHome, 0, args.length);
    withHome[args.length] = "--home";
    withHome[args.length + 1] = home.toString();
    var out = new StringWriter();
    var err = new StringWriter();
    int code = Main.run(withHome, new PrintWriter(out), new PrintWriter(err));
    return new Result(code, out.toString(), err.toString());
  }

  /** An event as the pipeline writes it to the audit topic (its partition, its key). */
  public static ProducerRecord<String, byte[]> auditRecord(IncidentEvent event) {
    return new ProducerRecord<>(
        Topics.AUDIT,
        AuditPartitioner.partition(event.incidentId(), 3),
        Topics.auditKey(event),
        EventCodec.encode(event));
  }

  public static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
