package io.hearth.adapters.onvif;

import static io.hearth.adapters.onvif.Namespaces.DEVICE;
import static io.hearth.adapters.onvif.Namespaces.EVENTS;
import static io.hearth.adapters.onvif.Namespaces.MEDIA;
import static io.hearth.adapters.onvif.Namespaces.SCHEMA;

import io.hearth.adapters.onvif.OnvifCallException.Reason;
import io.hearth.runtime.camera.Camera;
import io.vertx.core.Future;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Optional;
import org.w3c.dom.Element;

/**
 * One ONVIF camera seen through its device and media services: device information, where the media
 * service is, its profiles, and a profile's stream and snapshot URIs. Every address the camera
 * names is taken to its discovered host: the hub talks only to the machine it found, never to one a
 * device merely points at.
 */
final class OnvifDevice {
  private static final String DEVICE_ACTION = DEVICE + "/";
  private static final String MEDIA_ACTION = MEDIA + "/";

  private final OnvifClient client;
  private final URI deviceService;
  private final String host;
  private final Camera.Credentials credentials;

  OnvifDevice(OnvifClient client, URI deviceService, String host, Camera.Credentials credentials) {
    this.client = client;
    this.deviceService = onHost(deviceService, host);
    this.host = host;
    this.credentials = credentials;
  }

  /** Who the camera says it is: what a later move must answer the same. */
  record Information(String manufacturer, String model, String serial, String hardwareId) {}

  Future<Information> information() {
    return client
        .call(
            deviceService,
            DEVICE_ACTION + "GetDeviceInformation",
            "<tds:GetDeviceInformation/>",
            credentials)
        .map(
            e -> {
              Element r = expect(e, DEVICE, "GetDeviceInformationResponse");
              return new Information(
                  SafeXml.text(r, DEVICE, "Manufacturer").orElse(""),
                  SafeXml.text(r, DEVICE, "Model").orElse(""),
                  SafeXml.text(r, DEVICE, "SerialNumber").orElse(""),
                  SafeXml.text(r, DEVICE, "HardwareId").orElse(""));
            });
  }

  /** The media service's address: from GetCapabilities, else from GetServices. */
  Future<URI> mediaService() {
    return service("Media", MEDIA, "media service");
  }

  /** The event service's address (motion events): from GetCapabilities, else GetServices. */
  Future<URI> eventService() {
    return service("Events", EVENTS, "event service");
  }

  private Future<URI> service(String category, String namespace, String what) {
    return client
        .call(
            deviceService,
            DEVICE_ACTION + "GetCapabilities",
            "<tds:GetCapabilities><tds:Category>"
                + category
                + "</tds:Category></tds:GetCapabilities>",
            credentials)
        .map(
            e ->
                SafeXml.find(expect(e, DEVICE, "GetCapabilitiesResponse"), SCHEMA, category)
                    .flatMap(m -> SafeXml.text(m, SCHEMA, "XAddr")))
        .recover(
            e ->
                notAuthorized(e)
                    ? Future.failedFuture(e)
                    : Future.succeededFuture(Optional.empty()))
        .compose(
            found ->
                found.isPresent()
                    ? Future.succeededFuture(found.get())
                    : fromServices(namespace, what))
        .map(text -> onHost(uri(text, what + " address"), host));
  }

  private Future<String> fromServices(String namespace, String what) {
    return client
        .call(
            deviceService,
            DEVICE_ACTION + "GetServices",
            "<tds:GetServices><tds:IncludeCapability>false</tds:IncludeCapability></tds:GetServices>",
            credentials)
        .map(
            e -> {
              Element r = expect(e, DEVICE, "GetServicesResponse");
              for (Element service : SafeXml.children(r, DEVICE, "Service")) {
                if (SafeXml.text(service, DEVICE, "Namespace").orElse("").equals(namespace)) {
                  return SafeXml.text(service, DEVICE, "XAddr")
                      .orElseThrow(() -> bad("its " + what + " has no address"));
                }
              }
              throw bad("it offers no " + what + " (" + namespace + ")");
            });
  }

  /** The token of the profile to stream: the first H.264 one, else the first one. */
  Future<String> profile(URI media) {
    return client
        .call(media, MEDIA_ACTION + "GetProfiles", "<trt:GetProfiles/>", credentials)
        .map(
            e -> {
              List<Element> profiles =
                  SafeXml.children(expect(e, MEDIA, "GetProfilesResponse"), MEDIA, "Profiles");
              if (profiles.isEmpty()) {
                throw bad("it has no media profile; add one in the camera's own settings");
              }
              Element chosen =
                  profiles.stream()
                      .filter(p -> "H264".equals(encoding(p)))
                      .findFirst()
                      .orElse(profiles.get(0));
              String token = chosen.getAttribute("token");
              if (token.isBlank()) {
                throw bad("its media profile has no token");
              }
              return token;
            });
  }

  /** The RTSP (RTP unicast) stream URI of the profile. */
  Future<URI> streamUri(URI media, String profile) {
    String body =
        "<trt:GetStreamUri><trt:StreamSetup><tt:Stream>RTP-Unicast</tt:Stream><tt:Transport>"
            + "<tt:Protocol>RTSP</tt:Protocol></tt:Transport></trt:StreamSetup><trt:ProfileToken>"
            + Soap.escape(profile)
            + "</trt:ProfileToken></trt:GetStreamUri>";
    return client
        .call(media, MEDIA_ACTION + "GetStreamUri", body, credentials)
        .map(e -> mediaUri(e, "GetStreamUriResponse", "stream URI"));
  }

  /** The JPEG snapshot URI of the profile. */
  Future<URI> snapshotUri(URI media, String profile) {
    String body =
        "<trt:GetSnapshotUri><trt:ProfileToken>"
            + Soap.escape(profile)
            + "</trt:ProfileToken></trt:GetSnapshotUri>";
    return client
        .call(media, MEDIA_ACTION + "GetSnapshotUri", body, credentials)
        .map(e -> mediaUri(e, "GetSnapshotUriResponse", "snapshot URI"));
  }

  private URI mediaUri(Element answer, String response, String what) {
    String text =
        SafeXml.child(expect(answer, MEDIA, response), MEDIA, "MediaUri")
            .flatMap(m -> SafeXml.text(m, SCHEMA, "Uri"))
            .orElseThrow(() -> bad("its answer holds no " + what));
    return onHost(uri(text, what), host);
  }

  private static String encoding(Element profile) {
    return SafeXml.child(profile, SCHEMA, "VideoEncoderConfiguration")
        .flatMap(v -> SafeXml.text(v, SCHEMA, "Encoding"))
        .orElse("");
  }

  static Element expect(Element e, String namespace, String localName) {
    if (!SafeXml.is(e, namespace, localName)) {
      throw bad(
          "it answered {"
              + e.getNamespaceURI()
              + "}"
              + e.getLocalName()
              + " where {"
              + namespace
              + "}"
              + localName
              + " was expected");
    }
    return e;
  }

  static boolean notAuthorized(Throwable e) {
    return e instanceof OnvifCallException c && c.reason() == Reason.NOT_AUTHORIZED;
  }

  static OnvifCallException bad(String message) {
    return new OnvifCallException(Reason.BAD_ANSWER, message);
  }

  static URI uri(String text, String what) {
    try {
      URI uri = new URI(text.strip());
      if (uri.getScheme() == null || uri.getHost() == null) {
        throw bad("its " + what + " " + text + " has no scheme or host");
      }
      return uri;
    } catch (URISyntaxException e) {
      throw bad("its " + what + " is not a URI: " + e.getReason());
    }
  }

  /** {@code uri} on {@code host}, port, path and query kept, user-info dropped. */
  static URI onHost(URI uri, String host) {
    String bracketed = host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
    try {
      return new URI(
          uri.getScheme(), null, bracketed, uri.getPort(), uri.getPath(), uri.getQuery(), null);
    } catch (URISyntaxException e) {
      throw bad("cannot use " + host + " in " + uri.getScheme() + " URI: " + e.getReason());
    }
  }
}
