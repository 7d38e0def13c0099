package io.backstop.deployment;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * An image tarball as {@code jib:buildTar} writes it (the {@code docker load} format): its
 * manifest, its config and, for each layer, the files it adds with their modes and sizes. Read with
 * a small ustar reader: the format is 512-byte headers, each followed by its file's blocks.
 */
record ImageTarball(JsonNode config, Map<String, Integer> files, Map<String, Long> sizes) {

  private static final ObjectMapper JSON = new ObjectMapper();

  static ImageTarball read(Path tarball) throws IOException {
    Map<String, byte[]> outer = entries(Files.newInputStream(tarball), true);
    JsonNode manifest = JSON.readTree(outer.get("manifest.json")).get(0);
    JsonNode config = JSON.readTree(outer.get(manifest.get("Config").asString()));
    Map<String, Integer> files = new HashMap<>();
    Map<String, Long> sizes = new HashMap<>();
    for (JsonNode layer : manifest.get("Layers")) {
      byte[] gz = outer.get(layer.asString());
      if (gz == null) {
        throw new IOException(tarball + " lists layer " + layer + " but does not hold it");
      }
      modes(new GZIPInputStream(new ByteArrayInputStream(gz)), files, sizes);
    }
    return new ImageTarball(config, files, sizes);
  }

  /**
   * Writes every regular file of the image's layers under {@code into} (a layer's path /app/x to
   * into/app/x), as a build context from which a runnable image is assembled on a JRE base.
   */
  static void extract(Path tarball, Path into) throws IOException {
    Map<String, byte[]> outer = entries(Files.newInputStream(tarball), true);
    JsonNode manifest = JSON.readTree(outer.get("manifest.json")).get(0);
    for (JsonNode layer : manifest.get("Layers")) {
      try (InputStream in =
          new GZIPInputStream(new ByteArrayInputStream(outer.get(layer.asString())))) {
        byte[] header = new byte[512];
        while (in.readNBytes(header, 0, 512) == 512 && header[0] != 0) {
          String name = name(header).replaceFirst("^\\./", "").replaceFirst("^/", "");
          long size = octal(header, 124, 12);
          byte[] content = in.readNBytes((int) size);
          in.skipNBytes((512 - size % 512) % 512);
          char type = (char) header[156];
          if ((type == '0' || type == 0) && !name.isEmpty()) {
            Path file = into.resolve(name).normalize();
            if (!file.startsWith(into)) {
              throw new IOException("layer entry outside the image root: " + name);
            }
            Files.createDirectories(file.getParent());
            Files.write(file, content);
          }
        }
      }
    }
  }

  JsonNode containerConfig() {
    return config.get("config");
  }

  List<String> entrypoint() {
    return containerConfig().get("Entrypoint").valueStream().map(JsonNode::asString).toList();
  }

  private static Map<String, byte[]> entries(InputStream in, boolean withContent)
      throws IOException {
    Map<String, byte[]> out = new HashMap<>();
    try (in) {
      byte[] header = new byte[512];
      while (in.readNBytes(header, 0, 512) == 512 && header[0] != 0) {
        String name = name(header);
        long size = octal(header, 124, 12);
        byte[] content = in.readNBytes((int) size);
        in.skipNBytes((512 - size % 512) % 512);
        out.put(name, withContent ? content : new byte[0]);
      }
    }
    return out;
  }

  private static void modes(InputStream in, Map<String, Integer> modes, Map<String, Long> sizes)
      throws IOException {
    try (in) {
      byte[] header = new byte[512];
      while (in.readNBytes(header, 0, 512) == 512 && header[0] != 0) {
        String name = name(header);
        long size = octal(header, 124, 12);
        in.skipNBytes(size + (512 - size % 512) % 512);
        String path =
            name.startsWith("./") ? name.substring(1) : name.startsWith("/") ? name : "/" + name;
        modes.put(path, (int) octal(header, 100, 8));
        sizes.put(path, size);
      }
    }
  }

  private static String name(byte[] header) {
    String name = text(header, 0, 100);
    String prefix = text(header, 345, 155);
    return prefix.isEmpty() ? name : prefix + "/" + name;
  }

  private static String text(byte[] b, int offset, int length) {
    int end = offset;
    while (end < offset + length && b[end] != 0) {
      end++;
    }
    return new String(b, offset, end - offset, StandardCharsets.UTF_8);
  }

  private static long octal(byte[] b, int offset, int length) {
    String s = text(b, offset, length).trim();
    return s.isEmpty() ? 0 : Long.parseLong(s, 8);
  }
}
