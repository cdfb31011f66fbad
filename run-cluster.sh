#!/usr/bin/env bash
# Clustered quick start: a managed domain on this machine, one host controller with two servers of the cluster-io
# server group (ports 8080 and 8180), sharing one DFS database, one files directory, the persistence cache and the
# HTTP sessions, with the demo application deployed to the group.
#
#   ./run-cluster.sh          build (if needed), configure, start, deploy; prints the two URLs
#   ./run-cluster.sh stop     stop the domain (and the H2 database server it started)
#
# The database is MariaDB on 127.0.0.1:3306 (user root, no password) when one answers there, otherwise an H2
# database server that this script starts. Everything lives below target/cluster/ and listens on 127.0.0.1 only.
set -euo pipefail
cd "$(dirname "$0")"
top=$PWD
work=$top/target/cluster
server=$top/domain/target/server

stop() {
    if [ -x "$server/bin/jboss-cli.sh" ]; then
        "$server/bin/jboss-cli.sh" --connect --controller=127.0.0.1:9990 --command='/host=primary:shutdown' >/dev/null 2>&1 || true
    fi
    if [ -f "$work/h2.pid" ]; then
        kill "$(cat "$work/h2.pid")" 2>/dev/null || true
        rm -f "$work/h2.pid"
    fi
}

if [ "${1:-}" = stop ]; then
    stop
    exit 0
fi

if [ ! -x "$server/bin/domain.sh" ] || [ ! -f demo/target/demo.war ]; then
    mvn -B install -DskipTests -pl demo,domain -am
fi
stop
rm -rf "$work"
mkdir -p "$work/files"
cp -r "$server/domain" "$work/domain"

# The shared database.
driver=h2
mariadb_jar=$(ls "$HOME"/.m2/repository/org/mariadb/jdbc/mariadb-java-client/*/mariadb-java-client-*.jar 2>/dev/null | grep -v sources | tail -n 1 || true)
if [ -n "$mariadb_jar" ] && command -v mysql >/dev/null && mysql -h127.0.0.1 -uroot -e "
        CREATE DATABASE IF NOT EXISTS clusterio_quickstart;
        CREATE USER IF NOT EXISTS 'clusterio'@'localhost' IDENTIFIED BY 'clusterio';
        CREATE USER IF NOT EXISTS 'clusterio'@'127.0.0.1' IDENTIFIED BY 'clusterio';
        GRANT ALL ON clusterio_quickstart.* TO 'clusterio'@'localhost';
        GRANT ALL ON clusterio_quickstart.* TO 'clusterio'@'127.0.0.1';" 2>/dev/null; then
    driver=$(basename "$mariadb_jar")
    url="jdbc:mariadb://127.0.0.1:3306/clusterio_quickstart"
    user=clusterio password=clusterio
    echo "Database: MariaDB on 127.0.0.1:3306, database clusterio_quickstart"
else
    h2_jar=$(ls "$server"/modules/system/layers/base/com/h2database/h2/main/h2-*.jar | head -n 1)
    java -cp "$h2_jar" org.h2.tools.Server -tcp -tcpPort 9092 -ifNotExists -baseDir "$work/h2" > "$work/h2.log" 2>&1 &
    echo $! > "$work/h2.pid"
    url="jdbc:h2:tcp://127.0.0.1:9092/dfs"
    user=sa password=sa
    echo "Database: an H2 database server on 127.0.0.1:9092 (MariaDB did not answer on 127.0.0.1:3306)"
fi

# This installation's cluster secrets (new ones on every run, as target/cluster is new): without them nothing that
# reaches the JGroups ports can join the two servers.
docs/cli/cluster/generate-cluster-secrets.sh "$server" "$work/cluster-secrets" > /dev/null
store_password=$(sed -n 's/^cluster-io.cluster.store-password=//p' "$work/cluster-secrets/cluster-io-cluster.properties")

# Configure the domain offline, with the documented scripts.
{
    echo "embed-host-controller --std-out=discard"
    grep -v '^#' docs/cli/domain/cluster-io-profile.cli
    grep -v '^#' docs/cli/domain/two-servers.cli
    if [ "$driver" != h2 ]; then
        echo "deploy $mariadb_jar --server-groups=cluster-io"
        # MariaDB's own checker and exception sorter, and bounded connects and reads, as docs/cli/dfs-on-mariadb.cli.
        ds=/profile=cluster-io/subsystem=datasources/data-source=ClusterIODfsDS
        echo "$ds:write-attribute(name=valid-connection-checker-class-name, value=org.jboss.jca.adapters.jdbc.extensions.mysql.MySQLValidConnectionChecker)"
        echo "$ds:write-attribute(name=exception-sorter-class-name, value=org.jboss.jca.adapters.jdbc.extensions.mysql.MySQLExceptionSorter)"
        echo "$ds/connection-properties=connectTimeout:add(value=5000)"
        echo "$ds/connection-properties=socketTimeout:add(value=30000)"
    fi
    echo "/server-group=cluster-io/system-property=cluster-io.dfs.url:add(value=\"$url\")"
    echo "/server-group=cluster-io/system-property=cluster-io.dfs.user:add(value=\"$user\")"
    echo "/server-group=cluster-io/system-property=cluster-io.dfs.password:add(value=\"$password\")"
    echo "/server-group=cluster-io/system-property=cluster-io.dfs.driver:add(value=\"$driver\")"
    echo "/server-group=cluster-io/system-property=cluster-io.nfs.root:add(value=\"$work/files\")"
    echo "/server-group=cluster-io/system-property=cluster-io.cluster.dir:add(value=\"$work/cluster-secrets\")"
    echo "/server-group=cluster-io/system-property=cluster-io.cluster.store-password:add(value=\"$store_password\")"
    echo "stop-embedded-host-controller"
} > "$work/configure.cli"
JAVA_OPTS="-Djboss.domain.base.dir=$work/domain" "$server/bin/jboss-cli.sh" --file="$work/configure.cli" > "$work/configure.log" 2>&1 \
    || { cat "$work/configure.log"; exit 1; }

LAUNCH_JBOSS_IN_BACKGROUND=1 "$server/bin/domain.sh" -Djboss.domain.base.dir="$work/domain" > "$work/domain.log" 2>&1 &

cli() {
    "$server/bin/jboss-cli.sh" --connect --controller=127.0.0.1:9990 "$@"
}
states() {
    cli --commands="/host=primary/server-config=server-one:read-attribute(name=status),/host=primary/server-config=server-two:read-attribute(name=status)" 2>/dev/null \
        | grep -o '"result" => "[A-Z_]*"' | tr '\n' ' '
}
deadline=$((SECONDS + 180))
until [ "$(states)" = '"result" => "STARTED" "result" => "STARTED" ' ]; do
    if [ $SECONDS -ge $deadline ] || grep -q 'finished with an exit status' "$work/domain.log"; then
        echo "The servers did not start; see $work/domain.log and $work/domain/servers/*/log/server.log" >&2
        exit 1
    fi
    sleep 2
done
cli --command="deploy demo/target/demo.war --runtime-name=ROOT.war --server-groups=cluster-io"

cat <<TEXT

The cluster is up: two servers sharing files, caches and sessions.
  server one: http://127.0.0.1:8080/
  server two: http://127.0.0.1:8180/
Store a file on one and follow its link on the other; http://127.0.0.1:8080/visits and http://127.0.0.1:8180/visits
count one session's requests across both. Management: $server/bin/jboss-cli.sh --connect
Stop it with: ./run-cluster.sh stop
TEXT
