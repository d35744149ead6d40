"""A rule pack as HDM ran them: it asks HDM's tables which endpoints it runs against and with what configuration
(base64 JSON, id_config "pack:slug" and "pack:version"), through psql with the libpq variables Pendule gives.
Python 3 only, no extra package."""
import base64
import json
import os
import subprocess

PACK = "hdm-rule"


def query(sql):
    out = subprocess.run(["psql", "-X", "-A", "-t", "-F", "|", "-v", "ON_ERROR_STOP=1", "-c", sql],
                         check=True, capture_output=True, text=True).stdout
    return [line.split("|") for line in out.splitlines() if line]


endpoints = [row[0] for row in query("SELECT db_key FROM hdm_core_table_corr_db_rp WHERE rp_key = '%s' ORDER BY db_key" % PACK)]
print("HDM_ENDPOINTS=" + " ".join(endpoints))
print("PENDULE_ENDPOINTS=" + os.environ.get("PENDULE_ENDPOINTS", "<unset>"))
for id_config, config in query("SELECT id_config, pack_config FROM hdm_pack_rule_conf WHERE id_config LIKE '%s:%%' ORDER BY id_config" % PACK):
    print("CONF %s=%s" % (id_config, json.dumps(json.loads(base64.b64decode(config)), sort_keys=True)))
print("PENDULE_PACK_CONFIG=" + json.dumps(json.loads(os.environ["PENDULE_PACK_CONFIG"]), sort_keys=True))
print("PENDULE_ENDPOINT_CONFIG=" + os.environ.get("PENDULE_ENDPOINT_CONFIG", "<unset>"))
