#!/bin/sh
# Transform: raw.csv, the export as the source system writes it (';' separated, French dates and decimals:
# 06/12/2026, 12,50), into clean.csv (',' separated, ISO dates, '.' decimals, customers quoted). The whole file is
# refused at its first malformed line: a partial day must never reach the database.
set -eu
: "${ETL_WORK_DIR:?set ETL_WORK_DIR in the job's env}"
raw="$ETL_WORK_DIR/raw.csv"
clean="$ETL_WORK_DIR/clean.csv"

# yesterday's clean.csv must not survive a failed transform: a load run by hand would load it again
rm -f "$clean"
trap 'rm -f "$clean.part"' EXIT
awk -F';' '
    { sub(/\r$/, "") }
    NR == 1 {
        if ($0 != "order_id;order_date;customer;amount_eur") { bad("unexpected header: " $0) }
        print "order_id,order_date,customer,amount_eur"
        next
    }
    /^[[:space:]]*$/ { next }
    NF != 4 { bad("4 fields expected, found " NF) }
    $1 !~ /^[0-9]+$/ { bad("order_id is not a number: " $1) }
    $2 !~ /^[0-3][0-9]\/[01][0-9]\/[0-9][0-9][0-9][0-9]$/ { bad("order_date is not dd/mm/yyyy: " $2) }
    $4 !~ /^-?[0-9]+(,[0-9][0-9]?)?$/ { bad("amount_eur is not an amount: " $4) }
    {
        split($2, d, "/")
        customer = $3
        gsub(/^[ \t]+|[ \t]+$/, "", customer)
        gsub(/"/, "\"\"", customer)
        amount = $4
        sub(/,/, ".", amount)
        printf "%s,%s-%s-%s,\"%s\",%s\n", $1, d[3], d[2], d[1], customer, amount
    }
    function bad(why) { print "transform: raw.csv line " NR ": " why > "/dev/stderr"; exit 1 }
' "$raw" > "$clean.part"
mv "$clean.part" "$clean"
echo "transform: $(($(wc -l < "$clean") - 1)) rows into $clean"
