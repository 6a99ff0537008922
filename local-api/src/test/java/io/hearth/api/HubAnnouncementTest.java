package io.hearth.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.hearth.runtime.HubContext;
import io.hearth.runtime.discovery.Announcements;
import io.hearth.runtime.discovery.ServiceAnnouncement;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Once the API listens, it is announced for discovery with the port it really bound. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class HubAnnouncementTest {
  @TempDir Path dir;

  @Test
  void theApiAnnouncesItsBoundPortAndCertificateFingerprint() throws Exception {
    try (TestHub hub = TestHub.start(dir.resolve("data"))) {
      HubContext context = hub.hub.context();
      List<ServiceAnnouncement> announced = context.announcements().current();
      assertEquals(1, announced.size(), announced::toString);
      ServiceAnnouncement api = announced.get(0);
      int port = context.ports().get("api.port");
      assertEquals(Announcements.HUB_TYPE, api.type());
      assertEquals(port, api.port());
      assertEquals(Integer.toString(port), api.txt().get("api_port"));
      assertEquals(context.certificates().fingerprint(), api.txt().get("fp"));
      assertEquals(context.home().id(), api.txt().get("hub_id"));
    }
  }
}
