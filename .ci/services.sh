#!/usr/bin/env bash
# Installs (when missing) and starts (when stopped) the services the tests use, on 127.0.0.1 only:
# MariaDB (root, empty password over TCP) and PostgreSQL (trust). Safe to run again and again.
# The S3-compatible server (S3Proxy, from Maven Central) needs nothing here: the tests that use it start and stop
# it themselves, as a process of its own on a free loopback port.
set -euo pipefail

packages=()
command -v mariadbd >/dev/null 2>&1 || [ -x /usr/sbin/mariadbd ] || packages+=(mariadb-server)
command -v pg_ctlcluster >/dev/null 2>&1 || packages+=(postgresql)
if [ ${#packages[@]} -gt 0 ]; then
    echo "services: installing ${packages[*]}"
    apt-get update -q >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${packages[@]}" >/dev/null
fi

start_mariadb() {
    if mariadb-admin --socket=/run/mysqld/mysqld.sock ping >/dev/null 2>&1; then
        echo "services: MariaDB is running"
    else
        echo "services: starting MariaDB"
        install -d -o mysql -g mysql -m 755 /run/mysqld /var/log/mysql
        [ -d /var/lib/mysql/mysql ] || mariadb-install-db --user=mysql --datadir=/var/lib/mysql --auth-root-authentication-method=socket >/dev/null
        start-stop-daemon --start --oknodo --background --exec /usr/sbin/mariadbd -- \
            --user=mysql --bind-address=127.0.0.1 --port=3306 --socket=/run/mysqld/mysqld.sock \
            --log-error=/var/log/mysql/error.log
        for _ in $(seq 1 120); do
            mariadb-admin --socket=/run/mysqld/mysqld.sock ping >/dev/null 2>&1 && break
            sleep 0.5
        done
        mariadb-admin --socket=/run/mysqld/mysqld.sock ping >/dev/null
    fi
    # Over TCP, root needs a password-based login besides the unix socket one.
    mariadb --socket=/run/mysqld/mysqld.sock <<'SQL'
ALTER USER 'root'@'localhost' IDENTIFIED VIA mysql_native_password USING PASSWORD('') OR unix_socket;
CREATE USER IF NOT EXISTS 'root'@'127.0.0.1' IDENTIFIED BY '';
GRANT ALL PRIVILEGES ON *.* TO 'root'@'127.0.0.1' WITH GRANT OPTION;
CREATE DATABASE IF NOT EXISTS clusterio_test CHARACTER SET utf8mb4 COLLATE utf8mb4_bin;
FLUSH PRIVILEGES;
SQL
    mariadb -h 127.0.0.1 -P 3306 -u root -e 'SELECT 1' >/dev/null
    echo "services: MariaDB answers on 127.0.0.1:3306"
}

start_postgresql() {
    local version
    version=$(ls /etc/postgresql | sort -V | tail -n 1)
    if ! pg_lsclusters -h | awk -v v="$version" '$1 == v && $2 == "main" && $4 == "online"' | grep -q .; then
        echo "services: starting PostgreSQL $version"
        pg_ctlcluster --skip-systemctl-redirect "$version" main start
    else
        echo "services: PostgreSQL $version is running"
    fi
    if ! psql -h 127.0.0.1 -U postgres -d postgres -tAc 'SELECT 1' >/dev/null 2>&1; then
        echo "services: allowing trusted local connections to PostgreSQL"
        cat > "/etc/postgresql/$version/main/pg_hba.conf" <<'HBA'
local   all   all                  trust
host    all   all   127.0.0.1/32   trust
host    all   all   ::1/128        trust
HBA
        pg_ctlcluster --skip-systemctl-redirect "$version" main reload
    fi
    psql -h 127.0.0.1 -U postgres -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = 'clusterio_test'" | grep -q 1 \
        || psql -h 127.0.0.1 -U postgres -d postgres -qc 'CREATE DATABASE clusterio_test'
    echo "services: PostgreSQL answers on 127.0.0.1:5432"
}

start_mariadb
start_postgresql
