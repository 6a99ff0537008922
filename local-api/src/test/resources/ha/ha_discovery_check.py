"""Home Assistant's MQTT discovery checks, ported to run against what the hub publishes.

A port, written for Hearth's tests, of the checks Home Assistant Core applies to a discovery
message before it makes an entity. Sources (home-assistant/core, 2024.x-2025.x):
  homeassistant/components/mqtt/discovery.py      topic pattern, abbreviations, '~', origin
  homeassistant/components/mqtt/abbreviations.py  (only the keys a check needs are listed here)
  homeassistant/components/mqtt/schemas.py        MQTT_ENTITY_COMMON_SCHEMA, availability, device,
                                                  origin
  homeassistant/components/mqtt/config.py         MQTT_RO_SCHEMA, MQTT_RW_SCHEMA
  homeassistant/components/mqtt/util.py           valid_subscribe_topic, valid_publish_topic
  homeassistant/components/mqtt/{sensor,binary_sensor,switch,number,image}.py,
  light/schema_basic.py
                                                  DISCOVERY_SCHEMA of each platform
  homeassistant/components/sensor/const.py        device classes, state classes,
                                                  DEVICE_CLASS_UNITS, DEVICE_CLASS_STATE_CLASSES
  homeassistant/helpers/config_validation.py      string, boolean, template, configuration_url
The two sensor tables are checked here as errors, though Home Assistant only logs a warning for
them (and then drops long-term statistics), because a wrong unit or state class is the bug the
check is for. Only the components the hub publishes are ported.

Reads JSON lines {"topic": ..., "payload": ...} on stdin; writes one line per message:
"OK <topic>", "REMOVED <topic>" or "INVALID <topic>: <reason>".
"""

import json
import re
import sys
from urllib.parse import urlparse

import voluptuous as vol

# discovery.py: TOPIC_MATCHER and the supported components this port knows.
TOPIC = re.compile(
    r"(?P<component>\w+)/(?:(?P<node_id>[a-zA-Z0-9_-]+)/)?(?P<object_id>[a-zA-Z0-9_-]+)/config"
)
PREFIX = "homeassistant/"

ABBREVIATIONS = {
    "avty": "availability", "avty_mode": "availability_mode", "avty_t": "availability_topic",
    "avty_tpl": "availability_template", "bri_cmd_t": "brightness_command_topic",
    "bri_scl": "brightness_scale", "bri_stat_t": "brightness_state_topic",
    "bri_val_tpl": "brightness_value_template", "cmd_t": "command_topic", "dev": "device",
    "dev_cla": "device_class", "en": "enabled_by_default", "ent_cat": "entity_category",
    "ic": "icon", "json_attr_t": "json_attributes_topic", "name": "name", "o": "origin",
    "obj_id": "object_id", "pl_avail": "payload_available", "pl_not_avail": "payload_not_available",
    "pl_off": "payload_off", "pl_on": "payload_on", "ret": "retain", "stat_cla": "state_class",
    "stat_t": "state_topic", "stat_val_tpl": "state_value_template", "t": "topic",
    "uniq_id": "unique_id", "img_t": "image_topic", "img_e": "image_encoding",
    "cont_type": "content_type", "url_t": "url_topic", "url_tpl": "url_template", "unit_of_meas": "unit_of_measurement", "val_tpl": "value_template",
}
DEVICE_ABBREVIATIONS = {
    "cns": "connections", "cu": "configuration_url", "ids": "identifiers", "mf": "manufacturer",
    "mdl": "model", "mdl_id": "model_id", "hw": "hw_version", "sw": "sw_version",
    "sa": "suggested_area", "sn": "serial_number", "via_device": "via_device",
}
ORIGIN_ABBREVIATIONS = {"name": "name", "sw": "sw_version", "url": "support_url"}


# helpers/config_validation.py
def string(value):
    if value is None:
        raise vol.Invalid("string value is None")
    if isinstance(value, (list, dict)):
        raise vol.Invalid("value should be a string")
    return str(value)


def boolean(value):
    if isinstance(value, bool):
        return value
    if isinstance(value, str):
        lowered = value.lower().strip()
        if lowered in ("1", "true", "yes", "on", "enable"):
            return True
        if lowered in ("0", "false", "no", "off", "disable"):
            return False
    elif isinstance(value, (int, float)):
        return value != 0
    raise vol.Invalid(f"invalid boolean value {value}")


def ensure_list(value):
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def template(value):
    if value is None or isinstance(value, (list, dict)):
        raise vol.Invalid("template value should be a string")
    return str(value)


def icon(value):
    value = string(value)
    if ":" in value:
        return value
    raise vol.Invalid('Icons should be specified in the form "prefix:name"')


def positive_int(value):
    return vol.All(vol.Coerce(int), vol.Range(min=0))(value)


def configuration_url(value):
    url_in = str(value)
    if urlparse(url_in).scheme in ("http", "https"):
        return vol.Schema(vol.Url())(url_in)
    if urlparse(url_in).scheme == "homeassistant":
        return url_in
    raise vol.Invalid("invalid url")


# mqtt/util.py
def valid_topic(topic):
    topic = string(topic)
    raw = topic.encode("utf-8")
    if not raw:
        raise vol.Invalid("MQTT topic name/filter must not be empty.")
    if len(raw) > 65535:
        raise vol.Invalid("MQTT topic name/filter must not be longer than 65535 encoded bytes.")
    if "\0" in topic:
        raise vol.Invalid("MQTT topic name/filter must not contain null character.")
    if any(char <= "\u001f" for char in topic) or "\u007f" in topic:
        raise vol.Invalid("MQTT topic name/filter must not contain control characters.")
    if "\ufffe" in topic or "\uffff" in topic:
        raise vol.Invalid("MQTT topic name/filter must not contain non-characters.")
    return topic


def valid_subscribe_topic(topic):
    topic = valid_topic(topic)
    for i in (i for i, c in enumerate(topic) if c == "+"):
        if (i > 0 and topic[i - 1] != "/") or (i < len(topic) - 1 and topic[i + 1] != "/"):
            raise vol.Invalid("Single-level wildcard must occupy an entire level of the filter")
    index = topic.find("#")
    if index != -1:
        if index != len(topic) - 1:
            raise vol.Invalid("Multi-level wildcard must be the last character in the filter.")
        if len(topic) > 1 and topic[index - 1] != "/":
            raise vol.Invalid("Multi-level wildcard must be after a topic level separator.")
    return topic


def valid_publish_topic(topic):
    topic = valid_topic(topic)
    if "+" in topic or "#" in topic:
        raise vol.Invalid("Wildcards cannot be used in topic names")
    return topic


QOS = vol.All(vol.Coerce(int), vol.In([0, 1, 2]))

# mqtt/schemas.py
AVAILABILITY = vol.Schema({
    vol.Exclusive("availability_topic", "availability"): valid_subscribe_topic,
    vol.Optional("availability_template"): template,
    vol.Optional("payload_available", default="online"): string,
    vol.Optional("payload_not_available", default="offline"): string,
    vol.Optional("availability_mode", default="latest"): vol.All(
        string, vol.In(["all", "any", "latest"])),
    vol.Exclusive("availability", "availability"): vol.All(ensure_list, [{
        vol.Required("topic"): valid_subscribe_topic,
        vol.Optional("payload_available", default="online"): string,
        vol.Optional("payload_not_available", default="offline"): string,
        vol.Optional("value_template"): template,
    }]),
})


def has_identifier(value):
    if value.get("identifiers") or value.get("connections"):
        return value
    raise vol.Invalid("Device must have at least one identifying value in 'identifiers' and/or"
                      " 'connections'")


DEVICE = vol.All(vol.Schema({
    vol.Optional("identifiers", default=list): vol.All(ensure_list, [string]),
    vol.Optional("connections", default=list): vol.All(
        ensure_list, [vol.All(vol.Length(2), [string])]),
    vol.Optional("manufacturer"): string,
    vol.Optional("model"): string,
    vol.Optional("model_id"): string,
    vol.Optional("name"): string,
    vol.Optional("hw_version"): string,
    vol.Optional("serial_number"): string,
    vol.Optional("sw_version"): string,
    vol.Optional("via_device"): string,
    vol.Optional("suggested_area"): string,
    vol.Optional("configuration_url"): configuration_url,
}), has_identifier)

ORIGIN = vol.Schema({
    vol.Required("name"): string,
    vol.Optional("sw_version"): string,
    vol.Optional("support_url"): configuration_url,
})

COMMON = AVAILABILITY.extend({
    vol.Optional("device"): DEVICE,
    vol.Optional("origin"): ORIGIN,
    vol.Optional("enabled_by_default", default=True): boolean,
    vol.Optional("entity_category"): vol.In(["config", "diagnostic"]),
    vol.Optional("icon"): icon,
    vol.Optional("json_attributes_topic"): valid_subscribe_topic,
    vol.Optional("json_attributes_template"): template,
    vol.Optional("object_id"): string,
    vol.Optional("default_entity_id"): string,
    vol.Optional("unique_id"): string,
})

# mqtt/config.py
BASE = {
    vol.Optional("qos", default=0): QOS,
    vol.Optional("encoding", default="utf-8"): string,
}
RO = vol.Schema(BASE).extend({
    vol.Required("state_topic"): valid_subscribe_topic,
    vol.Optional("value_template"): template,
})
RW = vol.Schema(BASE).extend({
    vol.Required("command_topic"): valid_publish_topic,
    vol.Optional("optimistic", default=False): boolean,
    vol.Optional("retain", default=False): boolean,
    vol.Optional("state_topic"): valid_subscribe_topic,
})

# sensor/const.py (SensorDeviceClass, SensorStateClass)
SENSOR_CLASSES = [
    "date", "enum", "timestamp", "absolute_humidity", "apparent_power", "aqi", "area",
    "atmospheric_pressure", "battery", "blood_glucose_concentration", "carbon_monoxide",
    "carbon_dioxide", "conductivity", "current", "data_rate", "data_size", "distance", "duration",
    "energy", "energy_distance", "energy_storage", "frequency", "gas", "humidity", "illuminance",
    "irradiance", "moisture", "monetary", "nitrogen_dioxide", "nitrogen_monoxide", "nitrous_oxide",
    "ozone", "ph", "pm1", "pm10", "pm25", "power_factor", "power", "precipitation",
    "precipitation_intensity", "pressure", "reactive_energy", "reactive_power", "signal_strength",
    "sound_pressure", "speed", "sulphur_dioxide", "temperature", "volatile_organic_compounds",
    "volatile_organic_compounds_parts", "voltage", "volume", "volume_storage", "volume_flow_rate",
    "water", "weight", "wind_direction", "wind_speed",
]
STATE_CLASSES = ["measurement", "measurement_angle", "total", "total_increasing"]
# DEVICE_CLASS_UNITS and DEVICE_CLASS_STATE_CLASSES, for the classes a hub can publish.
PRESSURE_UNITS = {"Pa", "hPa", "kPa", "bar", "cbar", "mbar", "mmHg", "inHg", "psi"}
UNITS = {
    "temperature": {"°C", "°F", "K"}, "humidity": {"%"}, "battery": {"%"}, "illuminance": {"lx"},
    "power": {"W", "kW"}, "energy": {"Wh", "kWh", "MWh", "GWh", "TWh", "MJ", "GJ", "mWh", "cal",
                                    "kcal", "Mcal", "Gcal"},
    "voltage": {"V", "mV", "µV", "kV", "MV"}, "current": {"A", "mA"}, "pressure": PRESSURE_UNITS,
    "carbon_dioxide": {"ppm"}, "signal_strength": {"dB", "dBm"},
}
CLASS_STATE_CLASSES = {
    "temperature": {"measurement"}, "humidity": {"measurement"}, "battery": {"measurement"},
    "illuminance": {"measurement"}, "power": {"measurement"},
    "energy": {"total", "total_increasing"}, "voltage": {"measurement"},
    "current": {"measurement"}, "pressure": {"measurement"}, "carbon_dioxide": {"measurement"},
    "signal_strength": {"measurement"},
}
BINARY_SENSOR_CLASSES = [
    "battery", "battery_charging", "carbon_monoxide", "cold", "connectivity", "door",
    "garage_door", "gas", "heat", "light", "lock", "moisture", "motion", "moving", "occupancy",
    "opening", "plug", "power", "presence", "problem", "running", "safety", "smoke", "sound",
    "tamper", "update", "vibration", "window",
]


def lower_in(options):
    return vol.All(vol.Lower, vol.In(options))


def name():
    return vol.Any(string, None)


def sensor_units(config):
    """sensor/__init__.py warns; this port refuses (see the module docstring)."""
    device_class = config.get("device_class")
    unit = config.get("unit_of_measurement")
    state_class = config.get("state_class")
    if device_class in UNITS and unit not in UNITS[device_class]:
        raise vol.Invalid(f"unit {unit!r} is not valid for device class {device_class}")
    if device_class in CLASS_STATE_CLASSES and state_class is not None \
            and state_class not in CLASS_STATE_CLASSES[device_class]:
        raise vol.Invalid(f"state class {state_class} is not valid for {device_class}")
    if "last_reset_value_template" in config and state_class != "total":
        raise vol.Invalid("last_reset_value_template needs state class total")
    return config


SENSOR = vol.All(RO.extend({
    vol.Optional("device_class"): vol.Any(lower_in(SENSOR_CLASSES), None),
    vol.Optional("expire_after"): positive_int,
    vol.Optional("force_update", default=False): boolean,
    vol.Optional("last_reset_value_template"): template,
    vol.Optional("name"): name(),
    vol.Optional("options"): ensure_list,
    vol.Optional("suggested_display_precision"): positive_int,
    vol.Optional("state_class"): vol.Any(lower_in(STATE_CLASSES), None),
    vol.Optional("unit_of_measurement"): vol.Any(string, None),
}).extend(COMMON.schema).extend({}, extra=vol.REMOVE_EXTRA), sensor_units)

BINARY_SENSOR = RO.extend({
    vol.Optional("device_class"): vol.Any(lower_in(BINARY_SENSOR_CLASSES), None),
    vol.Optional("expire_after"): positive_int,
    vol.Optional("force_update", default=False): boolean,
    vol.Optional("name"): name(),
    vol.Optional("off_delay"): positive_int,
    vol.Optional("payload_off", default="OFF"): string,
    vol.Optional("payload_on", default="ON"): string,
}).extend(COMMON.schema).extend({}, extra=vol.REMOVE_EXTRA)

SWITCH = RW.extend({
    vol.Optional("command_template"): template,
    vol.Optional("name"): name(),
    vol.Optional("payload_off", default="OFF"): string,
    vol.Optional("payload_on", default="ON"): string,
    vol.Optional("state_off"): string,
    vol.Optional("state_on"): string,
    vol.Optional("value_template"): template,
    vol.Optional("device_class"): vol.Any(lower_in(["outlet", "switch"]), None),
}).extend(COMMON.schema).extend({}, extra=vol.REMOVE_EXTRA)


def number_range(config):
    if config["min"] > config["max"]:
        raise vol.Invalid("max must be >= min")
    return config


NUMBER = vol.All(RW.extend({
    vol.Optional("command_template"): template,
    vol.Optional("device_class"): vol.Any(vol.All(vol.Lower, string), None),
    vol.Optional("max", default=100.0): vol.Coerce(float),
    vol.Optional("min", default=0.0): vol.Coerce(float),
    vol.Optional("mode", default="auto"): vol.In(["auto", "box", "slider"]),
    vol.Optional("name"): name(),
    vol.Optional("payload_reset", default="None"): string,
    vol.Optional("step", default=1.0): vol.All(vol.Coerce(float), vol.Range(min=1e-3)),
    vol.Optional("unit_of_measurement"): vol.Any(string, None),
    vol.Optional("value_template"): template,
}).extend(COMMON.schema).extend({}, extra=vol.REMOVE_EXTRA), number_range)

LIGHT_BASIC = RW.extend({
    vol.Optional("brightness_command_template"): template,
    vol.Optional("brightness_command_topic"): valid_publish_topic,
    vol.Optional("brightness_scale", default=255): vol.All(vol.Coerce(int), vol.Range(min=1)),
    vol.Optional("brightness_state_topic"): valid_subscribe_topic,
    vol.Optional("brightness_value_template"): template,
    vol.Optional("name"): name(),
    vol.Optional("on_command_type", default="last"): vol.In(["first", "last", "brightness"]),
    vol.Optional("payload_off", default="OFF"): string,
    vol.Optional("payload_on", default="ON"): string,
    vol.Optional("state_value_template"): template,
    # light/schema.py: MQTT_LIGHT_SCHEMA_SCHEMA
    vol.Optional("schema", default="basic"): vol.All(vol.Lower, vol.Any("basic", "json",
                                                                       "template")),
}).extend(COMMON.schema).extend({}, extra=vol.REMOVE_EXTRA)

# image.py: a picture from a topic (raw or base64 bytes) or a URL read from a topic; exactly one.
def one_image_source(config):
    if ("image_topic" in config) == ("url_topic" in config):
        raise vol.Invalid("Expected one of [`image_topic`, `url_topic`], got none or both")
    return config


IMAGE = vol.All(vol.Schema(BASE).extend({
    vol.Optional("content_type"): string,
    vol.Optional("name"): name(),
    vol.Optional("image_topic"): valid_subscribe_topic,
    vol.Optional("url_topic"): valid_subscribe_topic,
    vol.Optional("image_encoding"): "b64",
    vol.Optional("url_template"): template,
}).extend(COMMON.schema).extend({}, extra=vol.REMOVE_EXTRA), one_image_source)

SCHEMAS = {"sensor": SENSOR, "image": IMAGE, "binary_sensor": BINARY_SENSOR, "switch": SWITCH, "number": NUMBER,
           "light": LIGHT_BASIC}


def expand(payload):
    """discovery.py: replace abbreviations, then '~' at either end of a topic."""
    for key in list(payload):
        if key in ABBREVIATIONS:
            payload[ABBREVIATIONS[key]] = payload.pop(key)
    for key, table in (("device", DEVICE_ABBREVIATIONS), ("origin", ORIGIN_ABBREVIATIONS)):
        if isinstance(payload.get(key), dict):
            part = payload[key]
            for short in list(part):
                if short in table:
                    part[table[short]] = part.pop(short)
    for item in ensure_list(payload.get("availability")):
        if isinstance(item, dict):
            for short in list(item):
                if short in ABBREVIATIONS:
                    item[ABBREVIATIONS[short]] = item.pop(short)
    base = payload.pop("~", None)
    if base:
        for key, value in payload.items():
            if isinstance(value, str) and value and key.endswith("_topic"):
                if value[0] == "~":
                    payload[key] = base + value[1:]
                if value[-1] == "~":
                    payload[key] = value[:-1] + base
        for item in payload.get("availability") or []:
            if isinstance(item, dict) and isinstance(item.get("topic"), str):
                if item["topic"].startswith("~"):
                    item["topic"] = base + item["topic"][1:]
    return payload


def check(topic, text):
    if not topic.startswith(PREFIX):
        return f"INVALID {topic}: not under {PREFIX}"
    match = TOPIC.fullmatch(topic[len(PREFIX):])
    if not match:
        return f"INVALID {topic}: not a discovery topic"
    component = match.group("component")
    if text == "":
        return f"REMOVED {topic}"
    try:
        payload = json.loads(text)
    except ValueError as e:
        return f"INVALID {topic}: not JSON ({e})"
    if not isinstance(payload, dict):
        return f"INVALID {topic}: not a JSON object"
    if component not in SCHEMAS:
        return f"INVALID {topic}: component {component} is not ported"
    payload = expand(payload)
    try:
        if "origin" in payload:
            ORIGIN(payload["origin"])
        config = SCHEMAS[component](payload)
        if component == "light" and config["schema"] != "basic":
            raise vol.Invalid("only the basic light schema is ported")
    except vol.Invalid as e:
        return f"INVALID {topic}: {e}"
    return f"OK {topic}"


def main():
    for line in sys.stdin:
        if line.strip():
            message = json.loads(line)
            print(check(message["topic"], message["payload"]), flush=True)


if __name__ == "__main__":
    main()
