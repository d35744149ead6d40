#!/bin/sh
# Makes the secret files docker/compose.yaml mounts, once (an existing file is kept). They are bind-mounted into the
# containers as they are, so they must be readable by the containers' users (Pendule's uid 10001, PostgreSQL's):
# mode 0644 here; keep this folder itself private (0700) and out of version control.
set -eu
cd "$(dirname "$0")"
chmod 700 .
secret() { [ -s "$1" ] || { printf '%s' "$2" > "$1"; chmod 644 "$1"; echo "made docker/secrets/$1"; }; }
secret db-password "$(openssl rand -hex 24)"
secret secret-key "$(openssl rand -base64 32)"
secret admin-password "$(openssl rand -base64 18)"
secret admin-token "$(openssl rand -hex 32)"
echo "admin's password: docker/secrets/admin-password; API token (Authorization: Bearer …): docker/secrets/admin-token"
