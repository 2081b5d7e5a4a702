"""What cloud-init makes of a user data document (read from stdin), printed as JSON.

Uses cloud-init's own code, not a reimplementation: its user data processor splits the MIME parts, its schema
validates each cloud-config part (strictly), and its module reader resolves `cloud_final_modules` to the modules
and frequencies the final stage would run. Run with the Python that cloud-init is installed for.
"""
import json
import sys

import yaml
from cloudinit import helpers, user_data
from cloudinit.config.modules import Modules
from cloudinit.config.schema import SchemaValidationError, get_schema, validate_cloudconfig_schema


def final_modules(config):
    reader = Modules.__new__(Modules)
    reader._cached_cfg = config
    listed = reader._read_modules("cloud_final_modules")
    resolved = reader._fixup_modules(listed)
    return {
        "listed": [entry["mod"] for entry in listed],
        "resolved": [{"name": m.name, "frequency": m.frequency, "default": m.module.meta["frequency"]} for m in resolved],
    }


def main():
    processed = user_data.UserDataProcessor(helpers.Paths({})).process(sys.stdin.buffer.read())
    parts = []
    for part in processed.walk():
        if part.is_multipart():
            continue
        payload = part.get_payload(decode=True).decode("utf-8")
        entry = {"type": part.get_content_type(), "payload": payload}
        if entry["type"] == "text/cloud-config":
            config = yaml.safe_load(payload)
            try:
                validate_cloudconfig_schema(config, get_schema(), strict=True)
                entry["schemaErrors"] = []
            except SchemaValidationError as error:
                entry["schemaErrors"] = [str(error)]
            entry["finalModules"] = final_modules(config)
        parts.append(entry)
    json.dump(parts, sys.stdout)


main()
