package io.hearth.adapters.onvif;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

/** Motion read out of ONVIF notification messages: the three topics, and what is ignored. */
class MotionMessagesTest {
  private static final String NS =
      "xmlns:wsnt=\"http://docs.oasis-open.org/wsn/b-2\" xmlns:tt=\"http://www.onvif.org/ver10/schema\""
          + " xmlns:wsa=\"http://www.w3.org/2005/08/addressing\"";

  @Test
  void readsTheThreeMotionTopicsInOrder() {
    MotionMessages.Read read =
        read(
            message("tns1:RuleEngine/CellMotionDetector/Motion", "IsMotion", "true", "http://c/s/1")
                + message("tns1:VideoSource/MotionAlarm", "State", "false", "")
                + message("other:RuleEngine/MotionRegionDetector/Motion", "State", "1", "")
                + message("tns1:RuleEngine/LineDetector/Crossed", "State", "true", "")
                + message("tns1:VideoSource/MotionAlarm", "IsMotion", "true", "")
                + message("tns1:VideoSource/MotionAlarm", "State", "maybe", ""));
    assertEquals(List.of(true, false, true), read.motion());
    assertEquals(List.of("http://c/s/1", "", "", "", "", ""), read.references());
  }

  @Test
  void aLookAlikeInAnotherNamespaceIsNotAMessage() {
    String fake =
        "<x:NotificationMessage xmlns:x=\"urn:not-wsnt\"><x:Topic>tns1:VideoSource/MotionAlarm"
            + "</x:Topic></x:NotificationMessage>";
    assertEquals(List.of(), read(fake).motion());
  }

  @Test
  void aDoctypeIsRefused() {
    String evil = "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY e \"x\">]><r " + NS + ">&e;</r>";
    byte[] bytes = evil.getBytes(StandardCharsets.UTF_8);
    assertThrows(OnvifXmlException.class, () -> SafeXml.parse(bytes, bytes.length, 10_000));
  }

  private static String message(String topic, String item, String value, String reference) {
    String ref =
        reference.isEmpty()
            ? ""
            : "<wsnt:SubscriptionReference><wsa:Address>"
                + reference
                + "</wsa:Address></wsnt:SubscriptionReference>";
    return "<wsnt:NotificationMessage>"
        + ref
        + "<wsnt:Topic>"
        + topic
        + "</wsnt:Topic><wsnt:Message><tt:Message><tt:Source><tt:SimpleItem Name=\"Source\""
        + " Value=\"vs\"/></tt:Source><tt:Data><tt:SimpleItem Name=\""
        + item
        + "\" Value=\""
        + value
        + "\"/></tt:Data></tt:Message></wsnt:Message></wsnt:NotificationMessage>";
  }

  private static MotionMessages.Read read(String messages) {
    byte[] bytes = ("<r " + NS + ">" + messages + "</r>").getBytes(StandardCharsets.UTF_8);
    Element root = SafeXml.parse(bytes, bytes.length, 100_000).getDocumentElement();
    return MotionMessages.read(root);
  }
}
