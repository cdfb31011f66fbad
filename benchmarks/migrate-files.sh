#!/usr/bin/env bash
# migrate-files default,default (files on disk) -> dfs (PostgreSQL) + a directory, against `cp -a` of the same tree
# followed by `sync` (both durable), in one run: files per second, the ratio, and the server's peak heap.
# Run by hand, never by the tests, after provisioning the testsuite's server (it has the PostgreSQL driver layer):
#   mvn -B install -DskipTests -pl module,subsystem,cli,galleon -am && mvn -B -pl testsuite process-test-classes
#   bash benchmarks/migrate-files.sh
# Environment: N (files, default 100000), BULK_COUNT (500), PARALLELISM (4), HEAP (the server's -Xmx, 256m),
# DURABLE=0 (skips the per-file durable copy in python3, the reference that takes longest, e.g. for N=1000000),
# JFR=1 (a flight recording of the migration, kept as migrate-files.jfr in OUT, default the current directory),
# SERVER (a provisioned server, default testsuite/target/server), PG_URL (default jdbc:postgresql://127.0.0.1:5432/
# clusterio_test, user postgres, trust; when nothing answers there, a PostgreSQL of its own is started on port 5439).
# The tree is Ibexa DXP's image tree: images/<a>/<b>/<n>/photo.jpg, one file per directory, 1 to 4 KiB of random bytes.
# Everything runs on a copy of the server's base directory; the server's own configuration is left untouched.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
server=${SERVER:-$root/testsuite/target/server}
files=${N:-100000}
bulk_count=${BULK_COUNT:-500}
parallelism=${PARALLELISM:-4}
heap=${HEAP:-256m}
out=${OUT:-$PWD}
[ -x "$server/bin/standalone.sh" ] || { echo "Provision the testsuite's server first (see the head of $0)" >&2; exit 1; }

work=$(mktemp -d)
own_pg=
cleanup() {
    "$server/bin/jboss-cli.sh" --connect --controller=127.0.0.1:9990 --command=':shutdown' >/dev/null 2>&1 || true
    [ -n "${sampler:-}" ] && kill "$sampler" 2>/dev/null || true
    [ -n "$own_pg" ] && pg_ctl -D "$work/pg" -m fast stop >/dev/null 2>&1 || true
    sleep 1
    rm -rf "$work"
}
trap cleanup EXIT

# PostgreSQL: the one on 127.0.0.1:5432 (trust), or one of our own.
pg_url=${PG_URL:-jdbc:postgresql://127.0.0.1:5432/clusterio_test}
pg_port=$(echo "$pg_url" | sed -E 's#.*//[^:/]+:([0-9]+)/.*#\1#')
pg_db=${pg_url##*/}
if ! pg_isready -q -h 127.0.0.1 -p "$pg_port"; then
    pg_port=5439; pg_db=postgres; pg_url=jdbc:postgresql://127.0.0.1:5439/postgres; own_pg=1
    initdb -D "$work/pg" -U postgres -A trust >/dev/null
    pg_ctl -D "$work/pg" -o "-p 5439 -k $work -c listen_addresses=127.0.0.1" -l "$work/pg.log" -w start >/dev/null
fi
table=dfs_bench_$$
psql() { command psql -q -h 127.0.0.1 -p "$pg_port" -U postgres -d "$pg_db" "$@"; }

base=$work/base
cp -r "$server/standalone" "$base"
rm -rf "$base/data/cluster-io" "$base/log" "$base/tmp"
storage=$base/data/cluster-io/var/site/storage
echo "writing $files files of 1-4 KiB below $storage"
python3 - "$storage" "$files" <<'PY'
import os, random, sys
root, count = sys.argv[1], int(sys.argv[2])
rnd = random.Random(42)
for n in range(count):
    directory = os.path.join(root, "images", str(n % 10), str(n // 10 % 10), str(n))
    os.makedirs(directory, exist_ok=True)
    with open(os.path.join(directory, "photo.jpg"), "wb") as out:
        out.write(os.urandom(rnd.randint(1024, 4096)))
PY
mkdir -p "$work/nfs"
sync

cat > "$work/configure.cli" <<CLI
embed-server --std-out=discard
/subsystem=datasources/data-source=DfsDS:add(jndi-name=java:jboss/datasources/DfsDS, driver-name=postgresql, connection-url="$pg_url", user-name=postgres, jta=false, min-pool-size=2, max-pool-size=20)
/subsystem=cluster-io/dfs-metadata-handler=dfs:add(data-source=DfsDS, table=$table, create-schema=true, query-timeout=60)
/subsystem=cluster-io/filesystem-binarydata-handler=nfs:add(path="$work/nfs")
stop-embedded-server
CLI
JAVA_OPTS="-Djboss.server.base.dir=$base" "$server/bin/jboss-cli.sh" --file="$work/configure.cli" > "$work/configure.log" 2>&1 \
    || { cat "$work/configure.log"; exit 1; }

jfr=
[ "${JFR:-}" = 1 ] && jfr="-XX:StartFlightRecording=filename=$out/migrate-files.jfr,settings=profile,dumponexit=true"
JAVA_OPTS="-Xms64m -Xmx$heap -XX:+UseG1GC -Djava.net.preferIPv4Stack=true $jfr" LAUNCH_JBOSS_IN_BACKGROUND=1 \
    "$server/bin/standalone.sh" -Djboss.server.base.dir="$base" > "$work/server.log" 2>&1 &
for _ in $(seq 1 120); do
    "$server/bin/jboss-cli.sh" --connect --controller=127.0.0.1:9990 --command=':read-attribute(name=server-state)' 2>/dev/null | grep -q running && break
    sleep 1
done
pid=$(pgrep -f -- "-Djboss.server.base.dir=$base" | while read -r p; do [ "$(ps -o comm= -p "$p")" = java ] && echo "$p"; done | head -1)
[ -n "$pid" ] || { tail -30 "$work/server.log"; exit 1; }

echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
start=$(date +%s.%N)
cp -a "$storage" "$work/cp-copy"
sync
cp_seconds=$(echo "$(date +%s.%N) - $start" | bc -l)
rm -rf "$work/cp-copy"; sync
echo "cp -a + sync: $cp_seconds s"

# The floor of any per-file durable copy, with no database and no JVM: each file written to a temporary name,
# fdatasync'd, renamed, and its directory fsync'd (what the migration must do for a row to name durable bytes),
# by PARALLELISM threads, as python3 does it.
durable_seconds=
if [ "${DURABLE:-1}" != 0 ]; then
start=$(date +%s.%N)
python3 - "$storage" "$work/durable-copy" "$parallelism" <<'PY'
import os, sys, threading
source, target, threads = sys.argv[1], sys.argv[2], int(sys.argv[3])
files = [os.path.join(d, f) for d, _, fs in os.walk(source) for f in fs]
def copy(part):
    for path in part:
        directory = os.path.join(target, os.path.relpath(os.path.dirname(path), source))
        os.makedirs(directory, exist_ok=True)
        temporary = os.path.join(directory, ".tmp-" + os.path.basename(path))
        with open(path, "rb") as i, open(temporary, "wb") as o:
            o.write(i.read()); o.flush(); os.fdatasync(o.fileno())
        os.rename(temporary, os.path.join(directory, os.path.basename(path)))
        fd = os.open(directory, os.O_RDONLY); os.fsync(fd); os.close(fd)
workers = [threading.Thread(target=copy, args=(files[n::threads],)) for n in range(threads)]
[w.start() for w in workers]; [w.join() for w in workers]
PY
durable_seconds=$(echo "$(date +%s.%N) - $start" | bc -l)
rm -rf "$work/durable-copy"; sync
echo "per-file durable copy: $durable_seconds s"
fi

# The server's heap in use (young + old), sampled every 200 ms while the migration runs; the peak is printed.
( peak=0; while sleep 0.2; do
    used=$(jstat -gc "$pid" 2>/dev/null | awk 'NR==2 { print int(($3+$4+$6+$8)/1024) }') || break
    [ -n "$used" ] && [ "$used" -gt "$peak" ] && { peak=$used; echo "$peak" > "$work/peak"; }
  done ) & sampler=$!
start=$(date +%s.%N)
"$server/bin/cluster-io-migrate-files.sh" --from=default,default --to=dfs,nfs --bulk-count="$bulk_count" --parallelism="$parallelism" \
    > "$work/migrate.log" 2>&1 || { cat "$work/migrate.log"; exit 1; }
migrate_seconds=$(echo "$(date +%s.%N) - $start" | bc -l)
kill "$sampler"; sampler=
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
tail -3 "$work/migrate.log"
rows=$(psql -At -c "SELECT count(*) FROM $table")
stored=$(find "$work/nfs" -name photo.jpg | wc -l)

printf '\nfiles %d, bulk-count %d, parallelism %d, heap -Xmx%s, %d rows, %d files stored\n' "$files" "$bulk_count" "$parallelism" "$heap" "$rows" "$stored"
printf '%-34s %9s %10s %10s\n' "" seconds "files/s" "peak heap"
printf '%-34s %9.1f %10.0f %7s MiB\n' "migrate-files -> dfs (PostgreSQL),nfs" "$migrate_seconds" "$(echo "$files / $migrate_seconds" | bc -l)" "$(cat "$work/peak" 2>/dev/null || echo '?')"
printf '%-34s %9.1f %10.0f\n' "cp -a + sync" "$cp_seconds" "$(echo "$files / $cp_seconds" | bc -l)"
printf 'ratio (migrate-files / cp -a + sync): %.2f\n' "$(echo "$cp_seconds / $migrate_seconds" | bc -l)"
if [ -n "$durable_seconds" ]; then
    printf '%-34s %9.1f %10.0f\n' "per-file durable copy (python3)" "$durable_seconds" "$(echo "$files / $durable_seconds" | bc -l)"
    printf 'ratio (per-file durable copy / cp -a + sync): %.2f   (the ceiling of any migration that makes each row durable)\n' "$(echo "$cp_seconds / $durable_seconds" | bc -l)"
    printf 'ratio (migrate-files / per-file durable copy): %.2f\n' "$(echo "$durable_seconds / $migrate_seconds" | bc -l)"
fi
psql -c "DROP TABLE $table"
