package io.backstop.sandbox.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Answers in the {@code meta.k8s.io/v1} PartialObjectMetadata shapes a client asks for with {@code
 * Accept: application/json;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1}: each object's {@code
 * metadata} and nothing else, so a Secret's data never leaves the server.
 */
final class MetadataOnly {

  private MetadataOnly() {}

  static boolean wanted(ApiRequest request) {
    return request.accept() != null && request.accept().contains("as=PartialObjectMetadata");
  }

  static ObjectNode list(ObjectMapper mapper, JsonNode list) {
    ObjectNode out = mapper.createObjectNode();
    out.put("kind", "PartialObjectMetadataList");
    out.put("apiVersion", "meta.k8s.io/v1");
    out.set("metadata", list.path("metadata").deepCopy());
    ArrayNode items = out.putArray("items");
    for (JsonNode item : list.path("items")) {
      items.add(object(mapper, item));
    }
    return out;
  }

  static ObjectNode object(ObjectMapper mapper, JsonNode item) {
    ObjectNode out = mapper.createObjectNode();
    out.put("kind", "PartialObjectMetadata");
    out.put("apiVersion", "meta.k8s.io/v1");
    out.set("metadata", item.path("metadata").deepCopy());
    return out;
  }
}
