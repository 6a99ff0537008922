package io.hearth.adapters.mdns;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.hearth.adapters.mdns.participant.MdnsParticipant;
import io.hearth.adapters.mdns.participant.Participants;
import io.hearth.adapters.mdns.participant.ServiceRecord;
import io.hearth.runtime.discovery.Sighting;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.jmdns.ServiceInfo;
import javax.jmdns.impl.DNSIncoming;
import javax.jmdns.impl.DNSRecord;

/**
 * Fuzzes what mDNS hands the hub: raw DNS datagrams as JmDNS's listener reads them, and announced
 * services (instance name, port, TXT bytes) turned into records and sightings by every built-in
 * participant. Contract: a datagram is a message or an {@link IOException} (JmDNS's listener
 * survives only those); a service gives TXT within {@link TxtRecords#MAX_ENTRIES} and {@link
 * TxtRecords#MAX_VALUE}, and sightings within {@link Sighting#MAX_DETAILS} and {@link
 * Sighting#MAX_TEXT}; never another exception.
 */
class MdnsFuzzTest {
  private static final List<MdnsParticipant> PARTICIPANTS = Participants.builtIn();

  @FuzzTest
  void anyDatagramGivesAMessageOrIoException(byte[] input) throws Exception {
    DatagramPacket packet =
        new DatagramPacket(input, input.length, InetAddress.getByName("127.0.0.1"), 5353);
    try {
      DNSIncoming message = new DNSIncoming(packet);
      // A record takes at least 11 bytes (root name, type, class, TTL, length), a question 5.
      assertTrue(message.getAllAnswers().size() <= input.length / 11, "more records than fit");
      assertTrue(message.getQuestions().size() <= input.length / 5, "more questions than fit");
      for (DNSRecord record : message.getAllAnswers()) {
        serviceInfo(record);
      }
    } catch (IOException expected) {
      // JmDNS logs it and reads the next datagram
    }
  }

  /**
   * JmDNS turns an AAAA record of 4 bytes into an IPv4 address and then casts it to IPv6 (found by
   * this target's long run, aaaa-of-four-bytes). That one exception is allowed here, for that
   * record only: on the hub it ends JmDNS's listener thread, and JmdnsLink opens the instance again
   * (BadPacketsTest). Anything else still fails.
   */
  private static void serviceInfo(DNSRecord record) {
    try {
      record.getServiceInfo();
    } catch (ClassCastException e) {
      assertTrue(
          record instanceof DNSRecord.IPv6Address,
          "a ClassCastException from another record: " + record);
    }
  }

  /** Byte 0 picks the participant, bytes 1-2 the port; the name runs to a NUL, then the TXT. */
  @FuzzTest
  void anyServiceGivesBoundedSightings(byte[] input) {
    if (input.length < 3) {
      return;
    }
    MdnsParticipant participant = PARTICIPANTS.get((input[0] & 0xFF) % PARTICIPANTS.size());
    int port = ((input[1] & 0xFF) << 8) | (input[2] & 0xFF);
    int nul = 3;
    while (nul < input.length && input[nul] != 0) {
      nul++;
    }
    String name = new String(input, 3, nul - 3, StandardCharsets.UTF_8);
    byte[] txt = Arrays.copyOfRange(input, Math.min(input.length, nul + 1), input.length);
    ServiceInfo info = ServiceInfo.create(participant.serviceType() + ".local.", name, port, "");
    ServiceRecord record = Resolution.record(info, txt);
    checkTxt(record.txt());
    Optional<Sighting> sighting = participant.sighting(record);
    sighting.ifPresent(MdnsFuzzTest::checkSighting);
  }

  private static void checkTxt(Map<String, String> txt) {
    assertTrue(txt.size() <= TxtRecords.MAX_ENTRIES, txt.size() + " TXT entries");
    txt.values().forEach(v -> assertTrue(v.length() <= TxtRecords.MAX_VALUE));
  }

  private static void checkSighting(Sighting s) {
    assertTrue(s.details().size() <= Sighting.MAX_DETAILS, s.details().size() + " details");
    s.details().values().forEach(v -> assertTrue(v.length() <= Sighting.MAX_TEXT));
    assertTrue(s.name().length() <= Sighting.MAX_TEXT);
    assertTrue(!s.identity().isEmpty());
  }
}
