package io.rwaprime.ingestion;

import io.rwaprime.common.config.ConfigException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SourceDefinitionsTest {

  private static List<JsonObject> entries(String json) {
    return new JsonArray(json).stream().map(JsonObject.class::cast).toList();
  }

  @Test
  void parsesEveryConnectorType() {
    List<SourceDefinitions.Definition> defs = SourceDefinitions.parse(entries("""
        [{"type":"http-poll","name":"goldapi","url":"https://api.example.com/t/{symbol}","symbols":["PAXG"],
          "mapping":{"price":"/last"}},
         {"type":"websocket","name":"kraken","url":"wss://ws.example.com/v2","symbols":{"PAXG/USD":"PAXG"},
          "subscribe":"{\\"symbol\\":\\"{symbol}\\"}","mapping":{"price":"/last"}},
         {"type":"fred","series":["DTB3"],"api-key":"literal-key"},
         {"type":"news","name":"wire","url":"https://example.com/feed.xml","interval":"PT10M"}]"""));
    assertThat(defs).extracting(SourceDefinitions.Definition::name).containsExactly("goldapi", "kraken", "fred", "wire");
  }

  @Test
  void refusesUnknownTypeNamingTheEntry() {
    assertThatThrownBy(() -> SourceDefinitions.parse(entries("[{\"type\":\"ftp\",\"name\":\"x\"}]")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("ingestion.sources[0].type").hasMessageContaining("unknown source type 'ftp'");
  }

  @Test
  void refusesDuplicateNames() {
    assertThatThrownBy(() -> SourceDefinitions.parse(entries("""
        [{"type":"news","name":"a","url":"https://example.com/1"},{"type":"news","name":"a","url":"https://example.com/2"}]""")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("ingestion.sources[1].name");
  }

  @Test
  void refusesBadFieldsWithTheirPath() {
    assertThatThrownBy(() -> SourceDefinitions.parse(entries("""
        [{"type":"news","name":"a","url":"https://example.com/1","interval":"often"}]""")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("ingestion.sources[0].interval");
    assertThatThrownBy(() -> SourceDefinitions.parse(entries("""
        [{"type":"http-poll","name":"p","url":"ftp://x/{symbol}","symbols":["PAXG"],"mapping":{"price":"/p"}}]""")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("ingestion.sources[0]").hasMessageContaining("url");
    assertThatThrownBy(() -> SourceDefinitions.parse(entries("""
        [{"type":"news","name":"a","url":"https://example.com/1","colour":"red"}]""")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("ingestion.sources[0].colour");
  }
}
