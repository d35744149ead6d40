#!/bin/sh
# Extract: fetch the day's export of orders from the object store (MinIO or any S3: a presigned or public URL) into
# the work directory shared by the workers, as raw.csv. Written under another name first and renamed, so that a
# transform never reads half a download.
set -eu
: "${ETL_SOURCE_URL:?set ETL_SOURCE_URL in the job's env}"
: "${ETL_WORK_DIR:?set ETL_WORK_DIR in the job's env}"

mkdir -p "$ETL_WORK_DIR"
part="$ETL_WORK_DIR/raw.csv.part"
trap 'rm -f "$part"' EXIT
curl --fail --silent --show-error --location --retry 3 --connect-timeout 20 --max-time 900 \
    --output "$part" "$ETL_SOURCE_URL"
test -s "$part" || { echo "extract: the export is empty" >&2; exit 1; }
mv "$part" "$ETL_WORK_DIR/raw.csv"
echo "extract: $(wc -l < "$ETL_WORK_DIR/raw.csv") lines into $ETL_WORK_DIR/raw.csv on ${PENDULE_NODE:-?}"
