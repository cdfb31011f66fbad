#!/usr/bin/env bash
# Installs (when missing) and starts (when stopped) the services the tests use, on 127.0.0.1 only:
# MariaDB (root, empty password over TCP) and PostgreSQL (trust). Safe to run again and again.
# The S3-compatible server (S3Proxy, from Maven Central) needs nothing here: the tests that use it start and stop
# it themselves, as a process of its own on a free loopback port. Varnish (with the xkey vmod of varnish-modules) is
# only installed: the tests start varnishd themselves, each with a work directory of its own, so no system instance
# runs (one the package starts is stopped). Chromium and its chromedriver (Debian's chromium, chromium-driver) are only
# installed: the gallery's browser test (GalleryBrowserTestCase) starts them headless itself.
set -euo pipefail

packages=()
command -v mariadbd >/dev/null 2>&1 || [ -x /usr/sbin/mariadbd ] || packages+=(mariadb-server)
command -v pg_ctlcluster >/dev/null 2>&1 || packages+=(postgresql)
[ -x /usr/bin/chromium ] || packages+=(chromium)
[ -x /usr/bin/chromedriver ] || packages+=(chromium-driver)
varnish_packages=()
command -v varnishd >/dev/null 2>&1 || [ -x /usr/sbin/varnishd ] || varnish_packages+=(varnish)
# Debian keeps vmods under the multiarch directory (/usr/lib/x86_64-linux-gnu/varnish/vmods), others under /usr/lib
xkey_vmod() { compgen -G '/usr/lib/*/varnish/vmods/libvmod_xkey.so' || compgen -G '/usr/lib/varnish/vmods/libvmod_xkey.so'; }
xkey_vmod >/dev/null || varnish_packages+=(varnish-modules)
if [ ${#packages[@]} -gt 0 ] || [ ${#varnish_packages[@]} -gt 0 ]; then
    apt-get update -q >/dev/null
fi
if [ ${#packages[@]} -gt 0 ]; then
    echo "services: installing ${packages[*]}"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${packages[@]}" >/dev/null
fi
if [ ${#varnish_packages[@]} -gt 0 ]; then
    echo "services: installing ${varnish_packages[*]} (no system instance is started)"
    # policy-rc.d answering 101 keeps the maintainer scripts from starting the service (where init scripts run)
    policy_rc_d_was_there=true
    [ -e /usr/sbin/policy-rc.d ] || { policy_rc_d_was_there=false; printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d; chmod 755 /usr/sbin/policy-rc.d; }
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${varnish_packages[@]}" >/dev/null
    [ "$policy_rc_d_was_there" = true ] || rm -f /usr/sbin/policy-rc.d
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

stop_system_varnish() {
    # Under systemd the package enables and starts its service (port 6081), which nothing here needs; an instance
    # that was there before this script installed Varnish is left alone.
    if [ ${#varnish_packages[@]} -gt 0 ] && command -v systemctl >/dev/null 2>&1 && systemctl is-active --quiet varnish 2>/dev/null; then
        systemctl disable --now varnish varnishncsa >/dev/null 2>&1 || true
    fi
    local varnishd
    varnishd=$(command -v varnishd || echo /usr/sbin/varnishd)
    echo "services: $("$varnishd" -V 2>&1 | head -n 1), xkey vmod $(xkey_vmod | head -n 1)"
}

start_mariadb
start_postgresql
stop_system_varnish
echo "services: $(/usr/bin/chromium --version 2>/dev/null), $(/usr/bin/chromedriver --version 2>/dev/null | cut -d' ' -f1-2)"
