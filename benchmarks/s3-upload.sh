#!/usr/bin/env bash
# A 1 GiB upload to S3Proxy through the S3 binarydata handler (multipart, parts sent in parallel within the budget
# the handler states) against one single-stream PutObject of the same bytes, from a client built the same way, to
# the same S3Proxy, in one run: org.clusterio.io.s3.S3UploadBenchmark, which starts S3Proxy 4.1 as the subsystem's
# tests do (the jar from Maven Central, in the local repository once the subsystem's tests were built; 127.0.0.1
# only, storing in a temporary directory). Prints MB/s of each and the ratio, and the load average before and after.
# Run by hand, never by the tests:
#   mvn -B install -DskipTests -pl benchmarks -am && bash benchmarks/s3-upload.sh
# SIZE_MIB=1024 PART_MIB=8 ROUNDS=2 HEAP=256m (the client's heap) by default.
set -euo pipefail
cd "$(dirname "$0")/.."
jar=benchmarks/target/benchmarks.jar
s3proxy=${S3PROXY_JAR:-$HOME/.m2/repository/org/gaul/s3proxy/4.1.0/s3proxy-4.1.0-jar-with-dependencies.jar}
[ -f "$jar" ] || { echo "Build the benchmarks first: mvn -B install -DskipTests -pl benchmarks -am" >&2; exit 1; }
[ -f "$s3proxy" ] || { echo "No S3Proxy jar at $s3proxy: build the subsystem's tests once (Maven fetches it)" >&2; exit 1; }

echo "$(nproc) CPUs ($(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -n 1)), shared by the client and S3Proxy; temporary directory on $(df --output=source,fstype "${TMPDIR:-/tmp}" | tail -1)"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
java "-Xmx${HEAP:-256m}" "-Ds3proxy.jar=$s3proxy" -cp "$jar" org.clusterio.io.s3.S3UploadBenchmark "${SIZE_MIB:-1024}" "${PART_MIB:-8}" "${ROUNDS:-2}"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
