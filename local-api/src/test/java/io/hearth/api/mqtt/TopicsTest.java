package io.hearth.api.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TopicsTest {
  static final BrokerLimits LIMITS =
      new BrokerLimits(1 << 18, 10, 10, 10, 10, 0, 10, 60, 64, 8, List.of("tele/"));

  @Test
  void wildcardsMatchLevelsAndHashMatchesTheParent() {
    assertTrue(Topics.matches("sport/+/player1", "sport/tennis/player1"));
    assertFalse(Topics.matches("sport/+", "sport/tennis/player1"));
    assertTrue(Topics.matches("sport/#", "sport"));
    assertTrue(Topics.matches("sport/#", "sport/tennis/x"));
    assertTrue(Topics.matches("+/+", "/finance"));
    assertFalse(Topics.matches("sport/tennis", "sport/tennis/x"));
  }

  @Test
  void wildcardsAtTheFirstLevelDoNotMatchDollarTopics() {
    assertFalse(Topics.matches("#", "$SYS/broker"));
    assertFalse(Topics.matches("+/broker", "$SYS/broker"));
    assertTrue(Topics.matches("$SYS/#", "$SYS/broker"));
  }

  @Test
  void badFiltersAndNamesAreRefusedWithAReason() {
    assertNotNull(Topics.invalidFilter("sport/ten#", LIMITS));
    assertNotNull(Topics.invalidFilter("sport/#/x", LIMITS));
    assertNotNull(Topics.invalidFilter("a+/b", LIMITS));
    assertNotNull(Topics.invalidFilter("", LIMITS));
    assertNotNull(Topics.invalidName("a/+", LIMITS));
    assertNotNull(Topics.invalidName("a/b/c/d/e/f/g/h/i", LIMITS));
    assertNotNull(Topics.invalidName("x".repeat(65), LIMITS));
    assertNull(Topics.invalidFilter("a/+/#", LIMITS));
  }

  @Test
  void treeMatchesLikeTheRulesAndDeliversOnceAtTheHighestQos() {
    TopicTree tree = new TopicTree();
    Subscriber a = (m, q, kept) -> {};
    Subscriber b = (m, q, kept) -> {};
    tree.add("hearth/+/temp", a, 0);
    tree.add("hearth/#", a, 2);
    tree.add("hearth/dev1/temp", b, 1);
    tree.add("#", b, 0);
    Map<Subscriber, Integer> found = tree.match("hearth/dev1/temp");
    assertEquals(2, found.get(a));
    assertEquals(1, found.get(b));
    assertEquals(Map.of(a, 2, b, 0), tree.match("hearth"));
    assertTrue(tree.match("$SYS/x").isEmpty());
    tree.remove("#", b);
    tree.remove("hearth/dev1/temp", b);
    assertEquals(Map.of(a, 2), tree.match("hearth/dev1/temp"));
    assertEquals(2, tree.size());
  }
}
