package io.hearth.adapters.mqtt.convention;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The abbreviation tables against Home Assistant's own list (homeassistant/components/mqtt/
 * abbreviations.py in Home Assistant core, 2025.x, whose ABBREVIATIONS, DEVICE_ABBREVIATIONS and
 * ORIGIN_ABBREVIATIONS the tables transcribe; documented at
 * https://www.home-assistant.io/integrations/mqtt/ under "Supported abbreviations"), and their use
 * at every level of a document.
 */
class HaAbbreviationsTest {

  @Test
  void tablesHoldHomeAssistantsWholeVocabulary() {
    // HA's entity list less the keys that abbreviate to themselves (max, min, mode, name, ...,
    // which need no entry); its 11 device keys less "name"; its 3 origin keys less "name".
    assertEquals(248, HaAbbreviations.ENTITY.size());
    assertEquals(10, HaAbbreviations.DEVICE.size());
    assertEquals(2, HaAbbreviations.ORIGIN.size());
    assertEquals("availability_topic", HaAbbreviations.ENTITY.get("avty_t"));
    assertEquals("components", HaAbbreviations.ENTITY.get("cmps"));
    assertEquals("platform", HaAbbreviations.ENTITY.get("p"));
    assertEquals("target_humidity_state_template", HaAbbreviations.ENTITY.get("hum_state_tpl"));
    assertEquals("reports_position", HaAbbreviations.ENTITY.get("pos"));
    assertEquals("suggested_area", HaAbbreviations.DEVICE.get("sa"));
    assertEquals("support_url", HaAbbreviations.ORIGIN.get("url"));
  }

  @Test
  void noFullNameIsAlsoAnAbbreviationOfSomethingElse() {
    for (Map<String, String> table :
        Set.of(HaAbbreviations.ENTITY, HaAbbreviations.DEVICE, HaAbbreviations.ORIGIN)) {
      Set<String> fulls = new HashSet<>(table.values());
      assertEquals(table.size(), fulls.size(), "two abbreviations for one key");
      for (String full : fulls) {
        assertTrue(!table.containsKey(full), full + " would be expanded again");
      }
    }
  }

  @Test
  void everyLevelIsExpandedAndTheBaseTopicAppliedToEachTopic() {
    JsonObject doc =
        new JsonObject(
            "{\"~\":\"home/x\",\"stat_t\":\"~/state\",\"json_attr_t\":\"attrs~\","
                + "\"avty\":[{\"t\":\"~/avail\",\"pl_avail\":\"up\"}],"
                + "\"dev\":{\"ids\":\"x\",\"cu\":\"http://x\",\"sa\":\"Hall\"},"
                + "\"o\":{\"name\":\"fw\",\"sw\":\"1\",\"url\":\"http://fw\"},"
                + "\"cmps\":{\"a\":{\"p\":\"sensor\",\"val_tpl\":\"{{ value }}\",\"cmd_t\":\"~/set\"}}}");

    JsonObject out = HaAbbreviations.expand(doc);

    assertEquals("home/x/state", out.getString("state_topic"));
    assertEquals("attrshome/x", out.getString("json_attributes_topic"));
    JsonObject avail = out.getJsonArray("availability").getJsonObject(0);
    assertEquals("home/x/avail", avail.getString("topic"));
    assertEquals("up", avail.getString("payload_available"));
    assertEquals("http://x", out.getJsonObject("device").getString("configuration_url"));
    assertEquals("Hall", out.getJsonObject("device").getString("suggested_area"));
    assertEquals("http://fw", out.getJsonObject("origin").getString("support_url"));
    JsonObject component = out.getJsonObject("components").getJsonObject("a");
    assertEquals("sensor", component.getString("platform"));
    assertEquals("{{ value }}", component.getString("value_template"));
    assertEquals("home/x/set", component.getString("command_topic"));
  }

  @Test
  void aFullKeyWinsOverItsAbbreviationWhateverTheirOrder() {
    JsonObject out =
        HaAbbreviations.expand(new JsonObject("{\"state_topic\":\"full\",\"stat_t\":\"short\"}"));
    assertEquals("full", out.getString("state_topic"));
    out = HaAbbreviations.expand(new JsonObject("{\"stat_t\":\"short\",\"state_topic\":\"full\"}"));
    assertEquals("full", out.getString("state_topic"));
    assertEquals(
        new JsonArray().add("x"),
        HaAbbreviations.expand(new JsonObject().put("avty", new JsonArray().add("x")))
            .getJsonArray("availability"));
  }
}
