package io.hearth.runtime.security;

import io.hearth.runtime.domain.Principal;
import io.hearth.runtime.domain.Scope;
import io.hearth.runtime.error.HubException;
import io.hearth.runtime.store.DisplayStore;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.security.SecureRandom;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Display pairing as a TV signs in: the OAuth 2.0 device authorization grant (RFC 8628). The
 * display asks for codes, shows the user code, and polls with the device code; the owner approves
 * the user code with the cameras it may see. Codes expire, are single-use, and wrong user codes are
 * rate limited. Pending requests live in memory: a restart simply asks the display to start again.
 */
public final class Pairings {
  /** Consonants only: no vowels (no words), no 0/O or 1/I to confuse. 20^8 ≈ 2.6e10 codes. */
  static final String ALPHABET = "BCDFGHJKLMNPQRSTVWXZ";

  public static final int EXPIRES_IN_S = 600;
  public static final int INTERVAL_S = 5;
  static final int MAX_PENDING = 32;

  /** Pairings one address may have waiting: one host cannot fill the queue for the others. */
  static final int MAX_PENDING_PER_SOURCE = 4;

  static final int MAX_WRONG_CODES_PER_MINUTE = 5;

  private static final SecureRandom RANDOM = new SecureRandom();

  private final DisplayStore displays;
  private final Map<String, Request> byDeviceCode = new LinkedHashMap<>();
  private final Deque<Long> wrongCodes = new ArrayDeque<>();

  public Pairings(DisplayStore displays) {
    this.displays = displays;
  }

  /** One pairing request, from codes to token. */
  static final class Request {
    final String deviceCode;
    final String userCode;
    final String name;
    final String source;
    final long createdAt;
    final long expiresAt;
    long lastPoll;
    boolean denied;
    String token;
    String displayId;
    byte[] channelKey;

    Request(String deviceCode, String userCode, String name, String source, long createdAt) {
      this.deviceCode = deviceCode;
      this.userCode = userCode;
      this.name = name;
      this.source = source;
      this.createdAt = createdAt;
      this.expiresAt = createdAt + EXPIRES_IN_S * 1000L;
    }
  }

  /**
   * Starts a pairing asked from {@code source} (the caller's address): the answer of RFC 8628 §3.2,
   * minus the URIs the API adds.
   */
  public JsonObject begin(String name, String source) {
    return begin(name, source, null);
  }

  /**
   * As {@link #begin(String, String)}, for a display that also pins an end-to-end channel: its
   * static X25519 public key (raw 32 bytes) is stored with the display once the owner approves.
   */
  public synchronized JsonObject begin(String name, String source, byte[] channelKey) {
    purge();
    long fromSource = byDeviceCode.values().stream().filter(r -> r.source.equals(source)).count();
    if (fromSource >= MAX_PENDING_PER_SOURCE) {
      throw new HubException(
          429,
          "too_many_pairings",
          "this device already has "
              + fromSource
              + " pairings waiting; enter the code it shows in the admin page, or wait up to "
              + EXPIRES_IN_S / 60
              + " minutes for them to expire");
    }
    if (byDeviceCode.size() >= MAX_PENDING) {
      throw new HubException(
          503,
          "busy",
          "too many displays are pairing at once; try again in a few minutes, or ask the home's"
              + " owner to clear the waiting pairings in the admin page");
    }
    Request request =
        new Request(deviceCode(), userCode(), name, source, System.currentTimeMillis());
    request.channelKey = channelKey == null ? null : channelKey.clone();
    byDeviceCode.put(request.deviceCode, request);
    return new JsonObject()
        .put("device_code", request.deviceCode)
        .put("user_code", request.userCode.substring(0, 4) + "-" + request.userCode.substring(4))
        .put("expires_in", EXPIRES_IN_S)
        .put("interval", INTERVAL_S);
  }

  /** The owner approves a user code (with or without its dash) for these cameras. */
  public Future<JsonObject> approve(
      Principal owner,
      String userCode,
      List<String> cameras,
      Set<Scope> scopes,
      boolean remote,
      String name) {
    Request request;
    synchronized (this) {
      request = pendingByUserCode(userCode);
      request.token = "";
    }
    String displayName = name != null ? name : request.name;
    return displays
        .pair(owner, displayName, cameras, scopes, remote, request.channelKey)
        .map(
            paired -> {
              synchronized (this) {
                request.token = paired.tokenSecret();
                request.displayId = paired.display().id();
              }
              return paired.display().toJson();
            })
        .onFailure(
            e -> {
              synchronized (this) {
                request.token = null;
              }
            });
  }

  /** The pairings waiting now, for the owner: name, address, age; never the codes. */
  public synchronized JsonArray pending() {
    purge();
    long now = System.currentTimeMillis();
    JsonArray list = new JsonArray();
    for (Request r : byDeviceCode.values()) {
      if (r.token == null && !r.denied) {
        list.add(
            new JsonObject()
                .put("name", r.name)
                .put("source", r.source)
                .put("age_s", (now - r.createdAt) / 1000));
      }
    }
    return list;
  }

  /** Forgets every pairing not yet approved (the owner clears a jammed queue); how many. */
  public synchronized int clear() {
    int before = byDeviceCode.size();
    byDeviceCode.values().removeIf(r -> r.token == null);
    return before - byDeviceCode.size();
  }

  public synchronized void deny(String userCode) {
    pendingByUserCode(userCode).denied = true;
  }

  /**
   * The display's poll (RFC 8628 §3.4, §3.5): the token once approved, else the RFC's error codes.
   * A device code gives its token once.
   */
  public synchronized JsonObject poll(String deviceCode) {
    Request request = byDeviceCode.get(deviceCode);
    long now = System.currentTimeMillis();
    if (request == null) {
      throw oauth("invalid_grant", "unknown or already used device_code; start pairing again");
    }
    if (request.expiresAt < now) {
      byDeviceCode.remove(deviceCode);
      throw oauth("expired_token", "the codes expired; start pairing again");
    }
    if (request.denied) {
      byDeviceCode.remove(deviceCode);
      throw oauth("access_denied", "the owner refused this display");
    }
    if (request.token == null || request.token.isEmpty()) {
      boolean tooFast = now - request.lastPoll < INTERVAL_S * 1000L - 250;
      request.lastPoll = now;
      throw tooFast
          ? oauth("slow_down", "poll at most every " + INTERVAL_S + " seconds")
          : oauth("authorization_pending", "waiting for the owner to approve the code");
    }
    byDeviceCode.remove(deviceCode);
    return new JsonObject()
        .put("access_token", request.token)
        .put("token_type", "Bearer")
        .put("display_id", request.displayId)
        .put("channel_pinned", request.channelKey != null ? true : null);
  }

  private Request pendingByUserCode(String userCode) {
    purge();
    if (recentWrongCodes() >= MAX_WRONG_CODES_PER_MINUTE) {
      throw tooMany();
    }
    String normalized = normalize(userCode);
    for (Request request : byDeviceCode.values()) {
      if (request.userCode.equals(normalized) && request.token == null && !request.denied) {
        return request;
      }
    }
    throw wrongCode();
  }

  private int recentWrongCodes() {
    long now = System.currentTimeMillis();
    while (!wrongCodes.isEmpty() && wrongCodes.peekFirst() < now - 60_000) {
      wrongCodes.pollFirst();
    }
    return wrongCodes.size();
  }

  private static HubException tooMany() {
    return new HubException(
        429,
        "too_many_attempts",
        "too many wrong codes; wait a minute and check the code on the display");
  }

  private HubException wrongCode() {
    wrongCodes.addLast(System.currentTimeMillis());
    return HubException.notFound(
        "no display is waiting with that code; check the code on the"
            + " display, or start pairing again there");
  }

  static String normalize(String userCode) {
    return userCode == null
        ? ""
        : userCode.toUpperCase(Locale.ROOT).replace("-", "").replace(" ", "");
  }

  private void purge() {
    long now = System.currentTimeMillis();
    byDeviceCode.values().removeIf(r -> r.expiresAt < now);
  }

  private static HubException oauth(String code, String message) {
    return new HubException(400, code, message);
  }

  private static String deviceCode() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  private static String userCode() {
    StringBuilder code = new StringBuilder(8);
    for (int i = 0; i < 8; i++) {
      code.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
    }
    return code.toString();
  }
}
