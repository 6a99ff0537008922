package io.hearth.adapters.mdns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** TXT data from the network is read within bounds, whatever it holds. */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class TxtRecordsTest {
  private static byte[] txt(String... entries) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (String e : entries) {
      byte[] raw = e.getBytes(StandardCharsets.UTF_8);
      out.write(raw.length);
      out.writeBytes(raw);
    }
    return out.toByteArray();
  }

  @Test
  void readsKeysLowercasedFirstOneWinsAndControlCharactersGo() {
    Map<String, String> t =
        TxtRecords.parse(txt("Path=/live", "path=/other", "mac=\u0007AA\u001b", "flag"));
    assertEquals(Map.of("path", "/live", "mac", "AA", "flag", ""), t);
  }

  @Test
  void stopsAtAnEntryThatRunsPastTheEnd() {
    byte[] data = txt("a=1", "b=2");
    data[4] = (byte) 200; // the second entry claims 200 bytes
    assertEquals(Map.of("a", "1"), TxtRecords.parse(data));
  }

  @Test
  void keepsAtMost32EntriesOfBoundedLength() {
    String[] many = new String[100];
    for (int i = 0; i < many.length; i++) {
      many[i] = "k" + i + "=" + "v".repeat(250);
    }
    Map<String, String> t = TxtRecords.parse(txt(many));
    assertEquals(TxtRecords.MAX_ENTRIES, t.size());
    assertTrue(t.values().stream().allMatch(v -> v.length() <= TxtRecords.MAX_VALUE));
    assertEquals(Map.of(), TxtRecords.parse(new byte[] {0}));
    assertEquals(Map.of(), TxtRecords.parse(null));
  }
}
