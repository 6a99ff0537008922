package io.hearth.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The contract check itself can fail: answers that drift from the document in each way the contract
 * test looks for are caught (epoch milliseconds where a date-time is documented, an undocumented
 * field, a missing required one, a null where none is allowed, an address in a viewer's camera, an
 * undocumented status), and a faithful answer passes.
 */
class OpenApiContractTest {
  static final String MEMBER = "/api/v1/members/{id}";
  final OpenApiContract contract = new OpenApiContract(OpenApiDocument.load());

  private int failuresOf(String method, String template, int status, String body) {
    int before = contract.failures().size();
    contract.check(method, template, status, "application/json", body);
    return contract.failures().size() - before;
  }

  @Test
  void aFaithfulAnswerPasses() {
    String member =
        "{\"id\":\"mem_a\",\"name\":\"Ana\",\"role\":\"adult\",\"created_at\":\"2026-12-05T19:07:46.123Z\"}";
    assertEquals(0, failuresOf("GET", MEMBER, 200, member), contract.failures().toString());
  }

  @Test
  void driftIsCaught() {
    assertEquals(
        1,
        failuresOf(
            "GET",
            MEMBER,
            200,
            "{\"id\":\"mem_a\",\"name\":\"Ana\",\"role\":\"adult\",\"created_at\":1764961666123}"));
    assertEquals(
        1,
        failuresOf(
            "GET",
            MEMBER,
            200,
            "{\"id\":\"mem_a\",\"name\":\"Ana\",\"role\":\"adult\",\"created_at\":\"yesterday\"}"));
    assertEquals(
        1,
        failuresOf(
            "GET",
            MEMBER,
            200,
            "{\"id\":\"mem_a\",\"name\":\"Ana\",\"role\":\"adult\",\"created_at\":\"2026-12-05T19:07:46Z\",\"pin\":\"1234\"}"));
    assertEquals(
        1,
        failuresOf("GET", MEMBER, 200, "{\"id\":\"mem_a\",\"name\":\"Ana\",\"role\":\"adult\"}"));
    assertEquals(
        1,
        failuresOf(
            "GET",
            MEMBER,
            200,
            "{\"id\":\"mem_a\",\"name\":null,\"role\":\"adult\",\"created_at\":\"2026-12-05T19:07:46Z\"}"));
    assertEquals(1, failuresOf("GET", MEMBER, 418, "{}"));
    assertEquals(1, failuresOf("GET", "/api/v1/nowhere", 200, "{}"));
  }

  @Test
  void aViewerCameraWithAnAddressIsCaught() {
    String viewer =
        "{\"id\":\"cam_a\",\"name\":\"Porch\",\"format\":\"mse\","
            + "\"status\":{\"state\":\"idle\",\"reason\":\"none\"}}";
    String leaked = viewer.replace("\"format\"", "\"url\":\"rtsp://10.0.0.5/live\",\"format\"");
    assertEquals(
        0, failuresOf("GET", "/api/v1/cameras/{id}", 200, viewer), contract.failures().toString());
    assertEquals(1, failuresOf("GET", "/api/v1/cameras/{id}", 200, leaked));
    assertTrue(contract.failures().get(contract.failures().size() - 1).contains("cameras"));
  }
}
