# cluster-io-client.sh: sourced by the cluster-io command line tools (not run on its own). Runs the module
# org.clusterio.cli in one JVM, as bin/jboss-cli.sh runs its own: through JBoss Modules, from this installation.

here=$(cd "$(dirname "$0")" && pwd)
JBOSS_HOME=${JBOSS_HOME:-$(cd "$here/.." && pwd)}
JBOSS_MODULEPATH=${JBOSS_MODULEPATH:-$JBOSS_HOME/modules}
if [ -z "${JAVA:-}" ]; then
    if [ -n "${JAVA_HOME:-}" ]; then JAVA=$JAVA_HOME/bin/java; else JAVA=java; fi
fi

cluster_io_client() { # tool arguments...
    # a client: a small heap is plenty; JAVA_OPTS as the user sets them (word splitting on purpose, as jboss-cli.sh)
    # shellcheck disable=SC2086
    exec "$JAVA" -Xms16m -Xmx128m ${JAVA_OPTS:-} -jar "$JBOSS_HOME/jboss-modules.jar" -mp "$JBOSS_MODULEPATH" org.clusterio.cli "$@"
}
