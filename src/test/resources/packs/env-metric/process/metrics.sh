#!/bin/bash
# Prints the pack executor's variables, one NAME=value a line, and what it knows of the credentials without them.
for name in PENDULE_PACK_NAME PENDULE_PACK_VERSION PENDULE_PACK_TYPE PENDULE_PACK_DIR PENDULE_PACK_CONFIG \
            PENDULE_ENDPOINT_SLUG PENDULE_ENDPOINT_NAME PENDULE_ENDPOINT_KIND PENDULE_ENDPOINT_URL \
            PENDULE_ENDPOINT_CONFIG PENDULE_ENDPOINTS PENDULE_EXECUTION_ID PENDULE_ATTEMPT ENV_JOB_NAME \
            PGHOST PGPORT PGDATABASE PGUSER PENDULE_DATABASE_URL VIRTUAL_ENV; do
  if [ "${!name+set}" = set ]; then
    echo "$name=${!name}"
  fi
done
echo "PWD=$(pwd)"
echo "PYTHON=$(command -v python3)"
echo "VENV_INODE=$(stat -c %i "$VIRTUAL_ENV/pyvenv.cfg")"
echo "CREDENTIALS_SHA256=$(printf '%s' "$PENDULE_ENDPOINT_CREDENTIALS" | sha256sum | cut -d' ' -f1)"
echo "CREDENTIALS_ECHOED=$PENDULE_ENDPOINT_CREDENTIALS"
echo "PENDULE_DB_PASSWORD_SET=${PENDULE_DB_PASSWORD+yes}"
echo "PGPASSWORD_ECHOED=${PGPASSWORD:-}"
if [ -n "$PGHOST" ]; then
  echo "RUNS_TABLE_ROWS=$(psql -X -A -t -c 'SELECT count(*) FROM env_metric_runs')"
fi
if [ -n "$FAIL_WITH" ]; then
  echo "failing as asked" >&2
  exit "$FAIL_WITH"
fi
