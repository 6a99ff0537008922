"""A simulated ONVIF camera for tests, run inside a test network namespace.

Usage: onvif-camera.py UUID NAME USER PASSWORD HTTP_PORT RTSP_PORT [WIDTH HEIGHT [SERIAL [any]]]
Answers WS-Discovery Probes (239.255.255.250:3702) with ProbeMatches, sends a Hello at start and
whenever its own IPv4 address changes (a DHCP move), and serves the ONVIF device and media
services on HTTP_PORT, checking each request's WS-Security UsernameToken digest. With RTSP_PORT
not 0 it also runs GStreamer's RTSP server (digest auth, same user and password) on all addresses,
serving H.264 at /cam (WIDTH x HEIGHT, 320x240 by default); GetStreamUri points there. SERIAL
replaces the serial number (by default the end of UUID); "any" answers every request, whatever
its credentials (an impostor that cannot check them). Every request is logged on one line: BODY
<body>, AUTHZ <Authorization header> if one came, RTSP-CLIENT <ip> for each RTSP connection.
Prints READY once everything listens.

The event service (/onvif/event_service; subscriptions at /onvif/subscription/N) offers
GetEventProperties, CreatePullPointSubscription, PullMessages (held up to its Timeout, answering
the scheduled messages that fall due), Renew, Unsubscribe and Subscribe (Notify POSTed to the
consumer). A subscription not renewed expires. POST /control with a JSON object changes the knobs:
schedule (list of {at: epoch ms, motion: bool, topic: cell|alarm|region, source: token, kind:
motion|garbage|oversized}), lifetime_cap (seconds a subscription lives at most, renewed or not),
refuse_renew, no_pullpoint, drop (how many next event requests get their connection closed unanswered), and
post ({url, reference, motion}: one Notify POSTed at once). Logs CREATE, SUBSCRIBE, RENEW,
UNSUBSCRIBE, EXPIRED, PULLED, NOTIFY and POSTED lines.
"""
import base64
import hashlib
import http.server
import json
import urllib.request
import socket
import struct
import sys
import threading
import time
import uuid
import xml.etree.ElementTree as ET

GROUP, PORT = "239.255.255.250", 3702
NS = {
    "s": "http://www.w3.org/2003/05/soap-envelope",
    "a": "http://schemas.xmlsoap.org/ws/2004/08/addressing",
    "d": "http://schemas.xmlsoap.org/ws/2005/04/discovery",
    "wsse": "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd",
    "wsu": "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd",
}
DISCOVERY_NS = (
    'xmlns:s="http://www.w3.org/2003/05/soap-envelope"'
    ' xmlns:a="http://schemas.xmlsoap.org/ws/2004/08/addressing"'
    ' xmlns:d="http://schemas.xmlsoap.org/ws/2005/04/discovery"'
    ' xmlns:dn="http://www.onvif.org/ver10/network/wsdl"'
    ' xmlns:tds="http://www.onvif.org/ver10/device/wsdl"'
)
SOAP_NS = (
    'xmlns:s="http://www.w3.org/2003/05/soap-envelope"'
    ' xmlns:tds="http://www.onvif.org/ver10/device/wsdl"'
    ' xmlns:trt="http://www.onvif.org/ver10/media/wsdl"'
    ' xmlns:tt="http://www.onvif.org/ver10/schema"'
    ' xmlns:ter="http://www.onvif.org/ver10/error"'
    ' xmlns:tev="http://www.onvif.org/ver10/events/wsdl"'
    ' xmlns:wsnt="http://docs.oasis-open.org/wsn/b-2"'
    ' xmlns:wsa="http://www.w3.org/2005/08/addressing"'
    ' xmlns:tns1="http://www.onvif.org/ver10/topics"'
)
EVENTS_NS = "{http://www.onvif.org/ver10/events/wsdl}"
WSNT_NS = "{http://docs.oasis-open.org/wsn/b-2}"
WSA_NS = "{http://www.w3.org/2005/08/addressing}"
KNOBS = {"schedule": [], "lifetime_cap": 0, "refuse_renew": False, "drop": 0,
         "no_pullpoint": False}
SUBS = {}
LOCK = threading.Lock()
TOPICS = {
    "cell": ("tns1:RuleEngine/CellMotionDetector/Motion", "IsMotion",
             "VideoSourceConfigurationToken"),
    "alarm": ("tns1:VideoSource/MotionAlarm", "State", "Source"),
    "region": ("tns1:RuleEngine/MotionRegionDetector/Motion", "State",
               "VideoSourceConfigurationToken"),
}

UUID, NAME, USER, PASSWORD = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4]
HTTP_PORT, RTSP_PORT = int(sys.argv[5]), int(sys.argv[6])
WIDTH = int(sys.argv[7]) if len(sys.argv) > 7 else 320
HEIGHT = int(sys.argv[8]) if len(sys.argv) > 8 else 240
SERIAL = sys.argv[9] if len(sys.argv) > 9 else UUID[-12:]
ANY = len(sys.argv) > 10 and sys.argv[10] == "any"
state = {"address": None}


def own_address():
    probe = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    try:
        probe.connect((GROUP, PORT))
        return probe.getsockname()[0]
    finally:
        probe.close()


def target():
    addr = state["address"]
    return (
        "<a:EndpointReference><a:Address>%s</a:Address></a:EndpointReference>"
        "<d:Types>dn:NetworkVideoTransmitter tds:Device</d:Types>"
        "<d:Scopes>onvif://www.onvif.org/type/video_encoder onvif://www.onvif.org/name/%s"
        " onvif://www.onvif.org/hardware/SimCam-1</d:Scopes>"
        "<d:XAddrs>http://%s:%d/onvif/device_service</d:XAddrs>"
        "<d:MetadataVersion>1</d:MetadataVersion>" % (UUID, NAME, addr, HTTP_PORT)
    )


def envelope(action, relates, body):
    relates_to = "<a:RelatesTo>%s</a:RelatesTo>" % relates if relates else ""
    return (
        '<?xml version="1.0" encoding="UTF-8"?><s:Envelope %s><s:Header>'
        "<a:MessageID>urn:uuid:%s</a:MessageID>%s"
        "<a:To>urn:schemas-xmlsoap-org:ws:2005:04:discovery</a:To>"
        "<a:Action>http://schemas.xmlsoap.org/ws/2005/04/discovery/%s</a:Action>"
        "</s:Header><s:Body>%s</s:Body></s:Envelope>"
        % (DISCOVERY_NS, uuid.uuid4(), relates_to, action, body)
    ).encode()


def discovery():
    sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("", PORT))
    mreq = struct.pack("4s4s", socket.inet_aton(GROUP), socket.inet_aton("0.0.0.0"))
    sock.setsockopt(socket.IPPROTO_IP, socket.IP_ADD_MEMBERSHIP, mreq)
    threading.Thread(target=announcer, args=(sock,), daemon=True).start()
    while True:
        data, sender = sock.recvfrom(65536)
        try:
            root = ET.fromstring(data)
        except ET.ParseError:
            continue
        action = root.findtext("s:Header/a:Action", "", NS)
        if not action.endswith("/Probe"):
            continue
        message_id = root.findtext("s:Header/a:MessageID", "", NS)
        body = "<d:ProbeMatches><d:ProbeMatch>%s</d:ProbeMatch></d:ProbeMatches>" % target()
        sock.sendto(envelope("ProbeMatches", message_id, body), sender)


def announcer(sock):
    while True:
        try:
            address = own_address()
        except OSError:
            address = None
        if address and address != state["address"]:
            state["address"] = address
            sock.sendto(envelope("Hello", None, "<d:Hello>%s</d:Hello>" % target()), (GROUP, PORT))
            print("HELLO", address, flush=True)
        time.sleep(0.1)


def authorized(root):
    token = root.find("s:Header/wsse:Security/wsse:UsernameToken", NS)
    if token is None:
        return False
    nonce = base64.b64decode(token.findtext("wsse:Nonce", "", NS))
    created = token.findtext("wsu:Created", "", NS)
    expected = base64.b64encode(
        hashlib.sha1(nonce + created.encode() + PASSWORD.encode()).digest()
    ).decode()
    return token.findtext("wsse:Username", "", NS) == USER and (
        token.findtext("wsse:Password", "", NS) == expected
    )


def answer(operation, request):
    addr = state["address"]
    if operation == "GetDeviceInformation":
        return (
            "<tds:GetDeviceInformationResponse><tds:Manufacturer>Hearth</tds:Manufacturer>"
            "<tds:Model>SimCam-1</tds:Model><tds:FirmwareVersion>1.0</tds:FirmwareVersion>"
            "<tds:SerialNumber>%s</tds:SerialNumber><tds:HardwareId>1</tds:HardwareId>"
            "</tds:GetDeviceInformationResponse>" % SERIAL
        )
    if operation == "GetCapabilities":
        return (
            "<tds:GetCapabilitiesResponse><tds:Capabilities><tt:Events>"
            "<tt:XAddr>http://%s:%d/onvif/event_service</tt:XAddr>"
            "<tt:WSSubscriptionPolicySupport>true</tt:WSSubscriptionPolicySupport>"
            "<tt:WSPullPointSupport>true</tt:WSPullPointSupport></tt:Events><tt:Media>"
            "<tt:XAddr>http://%s:%d/onvif/media_service</tt:XAddr>"
            "</tt:Media></tds:Capabilities></tds:GetCapabilitiesResponse>"
            % (addr, HTTP_PORT, addr, HTTP_PORT)
        )
    if operation == "GetProfiles":
        return (
            '<trt:GetProfilesResponse><trt:Profiles token="jpeg_sub"><tt:Name>sub</tt:Name>'
            "<tt:VideoEncoderConfiguration><tt:Encoding>JPEG</tt:Encoding>"
            '</tt:VideoEncoderConfiguration></trt:Profiles><trt:Profiles token="h264_main">'
            "<tt:Name>main</tt:Name><tt:VideoEncoderConfiguration><tt:Encoding>H264"
            "</tt:Encoding></tt:VideoEncoderConfiguration></trt:Profiles>"
            "</trt:GetProfilesResponse>"
        )
    if operation in ("GetStreamUri", "GetSnapshotUri"):
        token = request.findtext(".//{http://www.onvif.org/ver10/media/wsdl}ProfileToken", "")
        if token != "h264_main":
            return None
        if operation == "GetStreamUri":
            uri = "rtsp://%s:%d/cam" % (addr, RTSP_PORT)
        else:
            uri = "http://%s:%d/snapshot.jpg" % (addr, HTTP_PORT)
        return (
            "<trt:%sResponse><trt:MediaUri><tt:Uri>%s</tt:Uri><tt:Timeout>PT0S</tt:Timeout>"
            "</trt:MediaUri></trt:%sResponse>" % (operation, uri, operation)
        )
    return None


def now_ms():
    return int(time.time() * 1000)


def iso(ms):
    return time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(ms / 1000)) + ".%03dZ" % (ms % 1000)


def seconds(text, default=60):
    text = (text or "").strip()
    if text.startswith("PT") and text.endswith("S"):
        try:
            return float(text[2:-1])
        except ValueError:
            pass
    return default


def sub_address(sub_id):
    return "http://%s:%d/onvif/subscription/%d" % (state["address"], HTTP_PORT, sub_id)


def new_subscription(kind, life_s, consumer=None):
    with LOCK:
        sub_id = len(SUBS) + 1
        created = now_ms()
        sub = {"id": sub_id, "kind": kind, "created": created, "done": set(),
               "consumer": consumer, "alive": True}
        SUBS[sub_id] = sub
        set_expiry(sub, life_s)
    return sub


def set_expiry(sub, life_s):
    expires = now_ms() + int(life_s * 1000)
    if KNOBS["lifetime_cap"]:
        expires = min(expires, sub["created"] + int(KNOBS["lifetime_cap"] * 1000))
    sub["expires"] = expires


def live(sub):
    if sub is None or not sub["alive"]:
        return False
    if now_ms() > sub["expires"]:
        sub["alive"] = False
        print("EXPIRED", sub["id"], flush=True)
        return False
    return True


def due(sub):
    """The scheduled entries that fell due for this subscription, marked as delivered."""
    found = []
    for i, entry in enumerate(KNOBS["schedule"]):
        if i not in sub["done"] and sub["created"] <= entry["at"] <= now_ms():
            sub["done"].add(i)
            found.append(entry)
    return found


def message(entry, reference):
    topic, item, source_name = TOPICS[entry.get("topic", "cell")]
    return (
        "<wsnt:NotificationMessage><wsnt:SubscriptionReference><wsa:Address>%s</wsa:Address>"
        "</wsnt:SubscriptionReference><wsnt:Topic Dialect=\"http://www.onvif.org/ver10/tev/"
        "topicExpression/ConcreteSet\">%s</wsnt:Topic><wsnt:Message><tt:Message UtcTime=\"%s\""
        " PropertyOperation=\"Changed\"><tt:Source><tt:SimpleItem Name=\"%s\" Value=\"%s\"/>"
        "</tt:Source><tt:Data><tt:SimpleItem Name=\"%s\" Value=\"%s\"/></tt:Data></tt:Message>"
        "</wsnt:Message></wsnt:NotificationMessage>"
        % (reference, topic, iso(now_ms()), source_name, entry.get("source", "vs_" + NAME), item,
           "true" if entry.get("motion") else "false")
    )


def special(entries):
    """Garbage or an oversized document instead of messages, if one of the entries asks."""
    for entry in entries:
        if entry.get("kind") == "garbage":
            return b"<s:Envelope><<< not xml at all &&&"
        if entry.get("kind") == "oversized":
            pad = "<tt:Pad>" + "x" * (1024 * 1024) + "</tt:Pad>"
            return ('<?xml version="1.0"?><s:Envelope %s><s:Body>%s</s:Body></s:Envelope>'
                    % (SOAP_NS, pad)).encode()
    return None


def pull(sub_id, request):
    timeout = seconds(request.findtext(EVENTS_NS + "Timeout"), 5)
    deadline = time.time() + timeout
    while True:
        with LOCK:
            sub = SUBS.get(sub_id)
            if not live(sub):
                return fault("wsrf-rw:ResourceUnknownFault", "no such subscription")
            entries = due(sub)
            expires = sub["expires"]
        if entries or time.time() >= deadline:
            break
        time.sleep(0.02)
    odd = special(entries)
    if odd is not None:
        return odd
    print("PULLED", sub_id, len(entries), flush=True)
    return (
        "<tev:PullMessagesResponse><tev:CurrentTime>%s</tev:CurrentTime><tev:TerminationTime>%s"
        "</tev:TerminationTime>%s</tev:PullMessagesResponse>"
        % (iso(now_ms()), iso(expires),
           "".join(message(e, sub_address(sub_id)) for e in entries if e.get("kind", "motion")
                   == "motion"))
    )


def renew(sub_id, request):
    with LOCK:
        sub = SUBS.get(sub_id)
        if KNOBS["refuse_renew"] or not live(sub):
            print("RENEW-REFUSED", sub_id, flush=True)
            return fault("wsrf-rw:ResourceUnknownFault", "cannot renew")
        set_expiry(sub, seconds(request.findtext(WSNT_NS + "TerminationTime")))
        print("RENEW", sub_id, flush=True)
        return (
            "<wsnt:RenewResponse><wsnt:TerminationTime>%s</wsnt:TerminationTime>"
            "<wsnt:CurrentTime>%s</wsnt:CurrentTime></wsnt:RenewResponse>"
            % (iso(sub["expires"]), iso(now_ms()))
        )


def created(sub, response, ns):
    return (
        "<%s><%s:SubscriptionReference><wsa:Address>%s</wsa:Address></%s:SubscriptionReference>"
        "<wsnt:CurrentTime>%s</wsnt:CurrentTime><wsnt:TerminationTime>%s</wsnt:TerminationTime>"
        "</%s>" % (response, ns, sub_address(sub["id"]), ns, iso(now_ms()), iso(sub["expires"]),
                   response)
    )


def notify_body(messages):
    return (
        '<?xml version="1.0" encoding="UTF-8"?><s:Envelope %s><s:Body><wsnt:Notify>%s'
        "</wsnt:Notify></s:Body></s:Envelope>" % (SOAP_NS, messages)
    ).encode()


def post(url, data):
    try:
        request = urllib.request.Request(
            url, data=data, headers={"Content-Type": "application/soap+xml"}, method="POST")
        with urllib.request.urlopen(request, timeout=5) as response:
            return response.status
    except urllib.error.HTTPError as e:
        return e.code
    except OSError as e:
        return str(e)


def pusher(sub):
    while True:
        with LOCK:
            if not live(sub):
                return
            entries = due(sub)
        if entries:
            odd = special(entries)
            data = odd if odd is not None else notify_body(
                "".join(message(e, sub_address(sub["id"])) for e in entries))
            print("NOTIFY", sub["id"], post(sub["consumer"], data), flush=True)
        time.sleep(0.02)


def events(operation, request, path):
    sub_id = int(path.rsplit("/", 1)[1]) if path.startswith("/onvif/subscription/") else 0
    if operation == "GetEventProperties":
        return ("<tev:GetEventPropertiesResponse><tev:TopicNamespaceLocation>"
                "http://www.onvif.org/onvif/ver10/topics/topicns.xml</tev:TopicNamespaceLocation>"
                "<wsnt:FixedTopicSet>true</wsnt:FixedTopicSet></tev:GetEventPropertiesResponse>")
    if operation == "CreatePullPointSubscription":
        if KNOBS["no_pullpoint"]:
            print("CREATE-REFUSED", "no-pullpoint", flush=True)
            return fault("ter:ActionNotSupported", "no PullPoint here")
        sub = new_subscription("pull", seconds(request.findtext(EVENTS_NS + "InitialTerminationTime")))
        print("CREATE", sub["id"], flush=True)
        return created(sub, "tev:CreatePullPointSubscriptionResponse", "tev")
    if operation == "Subscribe":
        consumer = request.findtext(WSNT_NS + "ConsumerReference/" + WSA_NS + "Address", "")
        sub = new_subscription("push", seconds(request.findtext(WSNT_NS + "InitialTerminationTime")),
                               consumer)
        print("SUBSCRIBE", sub["id"], consumer, flush=True)
        threading.Thread(target=pusher, args=(sub,), daemon=True).start()
        return created(sub, "wsnt:SubscribeResponse", "wsnt")
    if operation == "PullMessages":
        return pull(sub_id, request)
    if operation == "Renew":
        return renew(sub_id, request)
    if operation == "Unsubscribe":
        with LOCK:
            if sub_id in SUBS:
                SUBS[sub_id]["alive"] = False
        print("UNSUBSCRIBE", sub_id, flush=True)
        return "<wsnt:UnsubscribeResponse/>"
    return None


def control(knobs):
    once = knobs.pop("post", None)
    with LOCK:
        KNOBS.update(knobs)
    if once:
        data = notify_body(message({"motion": once.get("motion", True),
                                    "source": once.get("source", "vs_" + NAME)},
                                   once.get("reference", "")))
        print("POSTED", post(once["url"], data), flush=True)


def fault(subcode, reason):
    return (
        "<s:Fault><s:Code><s:Value>s:Sender</s:Value><s:Subcode><s:Value>%s</s:Value>"
        "</s:Subcode></s:Code><s:Reason><s:Text xml:lang=\"en\">%s</s:Text></s:Reason>"
        "</s:Fault>" % (subcode, reason)
    )


class Onvif(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        length = int(self.headers.get("Content-Length", "0"))
        raw = self.rfile.read(length)
        if self.path == "/control":
            control(json.loads(raw))
            self.reply(200, "")
            return
        if self.headers.get("Authorization"):
            print("AUTHZ", self.headers.get("Authorization"), flush=True)
        print("BODY", raw.decode("utf-8", "replace").replace("\n", " "), flush=True)
        root = ET.fromstring(raw)
        body = root.find("s:Body", NS)
        request = body[0] if len(body) else None
        operation = request.tag.split("}")[1] if request is not None else ""
        if not ANY and not authorized(root):
            self.reply(400, fault("ter:NotAuthorized", "Sender not Authorized"))
            return
        if self.path.startswith("/onvif/event_service") or self.path.startswith(
                "/onvif/subscription/"):
            with LOCK:
                dropping = KNOBS["drop"] > 0
                if dropping:
                    KNOBS["drop"] -= 1
            if dropping:
                print("DROPPED", operation, flush=True)
                self.close_connection = True
                return
            payload = events(operation, request, self.path)
        else:
            payload = answer(operation, request)
        if isinstance(payload, bytes):
            self.raw(payload)
        elif payload is None:
            self.reply(400, fault("ter:InvalidArgVal", "not supported: " + operation))
        else:
            self.reply(200, payload)

    def reply(self, status, body):
        data = (
            '<?xml version="1.0" encoding="UTF-8"?><s:Envelope %s><s:Body>%s</s:Body>'
            "</s:Envelope>" % (SOAP_NS, body)
        ).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/soap+xml; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def raw(self, data):
        self.send_response(200)
        self.send_header("Content-Type", "application/soap+xml; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, fmt, *args):
        print("HTTP", fmt % args, flush=True)


def rtsp():
    import gi

    gi.require_version("Gst", "1.0")
    gi.require_version("GstRtsp", "1.0")
    gi.require_version("GstRtspServer", "1.0")
    from gi.repository import GLib, Gst, GstRtsp, GstRtspServer

    Gst.init(None)
    server = GstRtspServer.RTSPServer()
    server.set_address("0.0.0.0")
    server.set_service(str(RTSP_PORT))
    factory = GstRtspServer.RTSPMediaFactory()
    factory.set_launch(
        "( videotestsrc is-live=true ! video/x-raw,width=%d,height=%d,framerate=15/1"
        " ! x264enc tune=zerolatency speed-preset=ultrafast key-int-max=15"
        " ! rtph264pay name=pay0 pt=96 )" % (WIDTH, HEIGHT)
    )
    factory.set_shared(True)
    auth = GstRtspServer.RTSPAuth()
    token = GstRtspServer.RTSPToken()
    token.set_string("media.factory.role", USER)
    auth.set_supported_methods(GstRtsp.RTSPAuthMethod.DIGEST)
    auth.add_digest(USER, PASSWORD, token)
    server.set_auth(auth)
    factory.add_role_from_structure(
        Gst.Structure.new_from_string(
            USER + ", media.factory.access=(boolean)true, media.factory.construct=(boolean)true"
        )
    )
    server.get_mount_points().add_factory("/cam", factory)
    server.connect(
        "client-connected",
        lambda _server, client: print("RTSP-CLIENT", client.get_connection().get_ip(), flush=True),
    )
    if server.attach(None) == 0:
        sys.exit("cannot listen on RTSP port %d" % RTSP_PORT)
    return GLib.MainLoop()


def main():
    state["address"] = None
    http_server = http.server.ThreadingHTTPServer(("0.0.0.0", HTTP_PORT), Onvif)
    threading.Thread(target=http_server.serve_forever, daemon=True).start()
    loop = rtsp() if RTSP_PORT else None
    threading.Thread(target=discovery, daemon=True).start()
    print("READY", flush=True)
    if loop:
        loop.run()
    else:
        threading.Event().wait()


if __name__ == "__main__":
    main()
