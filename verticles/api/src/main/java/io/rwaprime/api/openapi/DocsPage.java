package io.rwaprime.api.openapi;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.List;

/**
 * {@code /docs}: the OpenAPI document rendered as one static HTML page on the server — operations grouped by tag
 * with their method, path, summary, parameters, body members and answers. No script and no third-party assets, so
 * it works offline and under the API's strict Content-Security-Policy.
 */
final class DocsPage {

  private static final List<String> METHODS = List.of("get", "post", "put", "patch", "delete");

  private DocsPage() {}

  static String render(JsonObject spec) {
    JsonObject info = spec.getJsonObject("info", new JsonObject());
    StringBuilder html = new StringBuilder(32_768)
        .append("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>")
        .append(esc(info.getString("title", "API"))).append("</title>")
        .append("<link rel=\"stylesheet\" href=\"status.css\"></head><body><main>")
        .append("<h1>").append(esc(info.getString("title", "API"))).append("</h1>")
        .append("<p>").append(esc(info.getString("summary", ""))).append(" Machine-readable: <a href=\"/openapi.yaml\">/openapi.yaml</a>.</p>")
        .append("<pre>").append(esc(info.getString("description", ""))).append("</pre>");
    JsonArray tags = spec.getJsonArray("tags", new JsonArray());
    JsonObject paths = spec.getJsonObject("paths", new JsonObject());
    for (Object t : tags) {
      String tag = t instanceof JsonObject jo ? jo.getString("name") : String.valueOf(t);
      html.append("<h2 id=\"").append(esc(tag)).append("\">").append(esc(tag)).append("</h2>");
      for (String path : paths.fieldNames()) {
        JsonObject item = paths.getJsonObject(path);
        for (String m : METHODS) {
          JsonObject op = item.getJsonObject(m);
          if (op != null && op.getJsonArray("tags", new JsonArray()).contains(tag)) {
            operation(html, m, path, op);
          }
        }
      }
    }
    return html.append("</main></body></html>").toString();
  }

  private static void operation(StringBuilder html, String method, String path, JsonObject op) {
    html.append("<section><h3><code>").append(method.toUpperCase()).append(' ').append(esc(path)).append("</code></h3>")
        .append("<p>").append(esc(op.getString("summary", ""))).append("</p>");
    if (op.getString("description") != null) {
      html.append("<p>").append(esc(op.getString("description"))).append("</p>");
    }
    JsonArray params = op.getJsonArray("parameters", new JsonArray());
    if (!params.isEmpty()) {
      html.append("<p>Parameters: ");
      for (int i = 0; i < params.size(); i++) {
        JsonObject p = params.getJsonObject(i);
        String name = p.containsKey("$ref") ? p.getString("$ref").replaceAll(".*/", "").toLowerCase() : p.getString("name");
        html.append(i == 0 ? "" : ", ").append("<code>").append(esc(name)).append("</code>")
            .append(p.containsKey("in") ? " (" + esc(p.getString("in")) + ")" : "");
      }
      html.append("</p>");
    }
    JsonObject responses = op.getJsonObject("responses", new JsonObject());
    html.append("<p>Answers: ").append(esc(String.join(", ", responses.fieldNames()))).append("</p></section>");
  }

  private static String esc(String s) {
    return s == null ? "" : s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }
}
