package io.backstop.stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * Resident set size of a process, as the kernel counts it ({@code VmRSS} in {@code
 * /proc/<pid>/status}); empty where there is no {@code /proc} (not Linux).
 */
public final class ProcessMemory {

  private ProcessMemory() {}

  public static OptionalLong rssBytes(long pid) {
    Path status = Path.of("/proc", String.valueOf(pid), "status");
    try {
      for (String line : Files.readAllLines(status)) {
        if (line.startsWith("VmRSS:")) {
          String[] parts = line.substring(6).trim().split("\\s+");
          return OptionalLong.of(Long.parseLong(parts[0]) * 1024);
        }
      }
    } catch (IOException | RuntimeException e) {
      return OptionalLong.empty();
    }
    return OptionalLong.empty();
  }

  public static OptionalLong selfRssBytes() {
    return rssBytes(ProcessHandle.current().pid());
  }
}
