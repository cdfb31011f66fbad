#!/usr/bin/env bash
# Generates one installation's cluster secrets, for jgroups-auth-encrypt.cli. Run it once per cluster, on one node,
# then copy the three files to the same place on every other node (they are what makes a node a member):
#
#   generate-cluster-secrets.sh WILDFLY_HOME DIRECTORY
#
# DIRECTORY/cluster-io-cluster.p12         PKCS12 key store: the AES-256 key with which SYM_ENCRYPT encrypts every
#                                          message between the nodes (alias cluster-io-cluster), made by keytool
# DIRECTORY/cluster-io-cluster.cs          Elytron credential store (elytron-tool): alias "key-store", the key
#                                          store's password; alias "auth", the shared secret AUTH checks on a join
# DIRECTORY/cluster-io-cluster.properties  cluster-io.cluster.store-password, the credential store's password, for
#                                          the server's -P option (or a system property of the configuration)
#
# Every secret is random (32 bytes of /dev/urandom each), made here and nowhere else; the files are readable by
# their owner only. An existing set is never overwritten: delete the three files to make a new one (every node then
# needs the new files).
set -euo pipefail
if [ $# -ne 2 ]; then
    echo "usage: $0 WILDFLY_HOME DIRECTORY" >&2
    exit 2
fi
home=$1
dir=$2
store=$dir/cluster-io-cluster.cs
keys=$dir/cluster-io-cluster.p12
properties=$dir/cluster-io-cluster.properties
for file in "$store" "$keys" "$properties"; do
    if [ -e "$file" ]; then
        echo "$file exists: this installation has its cluster secrets already (delete the three files to replace them)" >&2
        exit 1
    fi
done
random() {
    head -c 32 /dev/urandom | base64 | tr -d '/+=\n'
}
umask 077
mkdir -p "$dir"
KEY_STORE_PASSWORD=$(random) STORE_PASSWORD=$(random)
export KEY_STORE_PASSWORD
keytool -genseckey -alias cluster-io-cluster -keyalg AES -keysize 256 -storetype PKCS12 -keystore "$keys" \
    -storepass:env KEY_STORE_PASSWORD 2>&1 | { grep -v '^$' || true; }
"$home/bin/elytron-tool.sh" credential-store --create --location "$store" --password "$STORE_PASSWORD" \
    --add key-store --secret "$KEY_STORE_PASSWORD" > /dev/null
"$home/bin/elytron-tool.sh" credential-store --location "$store" --password "$STORE_PASSWORD" \
    --add auth --secret "$(random)" > /dev/null
echo "cluster-io.cluster.store-password=$STORE_PASSWORD" > "$properties"
echo "Cluster secrets of this installation: $keys, $store, $properties"
