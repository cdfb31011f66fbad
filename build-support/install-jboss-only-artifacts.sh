#!/usr/bin/env bash
# Installs into a Maven local repository the WildFly artifacts that Maven Central does not serve, taking the
# identical jars from an unpacked wildfly-dist. Only the POMs written here are synthetic (no dependencies).
# Usage: install-jboss-only-artifacts.sh <unpacked wildfly-dist> <local repository>
set -euo pipefail
dist=$1
repo=$2
modules="$dist/modules/system/layers/base"

install_jar() { # group artifact version jar
    local group=$1 artifact=$2 version=$3 jar=$4
    local dir="$repo/${group//.//}/$artifact/$version"
    [ -f "$dir/$artifact-$version.jar" ] && return 0
    [ -f "$jar" ] || { echo "install-jboss-only-artifacts: $jar is missing from the distribution" >&2; exit 1; }
    mkdir -p "$dir"
    cp "$jar" "$dir/$artifact-$version.jar"
    write_pom "$dir/$artifact-$version.pom" "$group" "$artifact" "$version" jar
    echo "install-jboss-only-artifacts: installed $group:$artifact:$version"
}

write_pom() { # file group artifact version packaging
    cat > "$1" <<POM
<?xml version="1.0" encoding="UTF-8"?>
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>$2</groupId>
  <artifactId>$3</artifactId>
  <version>$4</version>
  <packaging>$5</packaging>
</project>
POM
}

for artifact in opensaml-core opensaml-profile-api opensaml-saml-api opensaml-saml-impl opensaml-security-api \
        opensaml-security-impl opensaml-soap-api opensaml-xacml-api opensaml-xacml-impl opensaml-xacml-saml-api \
        opensaml-xacml-saml-impl opensaml-xmlsec-api opensaml-xmlsec-impl; do
    install_jar org.opensaml "$artifact" 4.3.2 "$modules/org/opensaml/main/$artifact-4.3.2.jar"
done
install_jar net.shibboleth.utilities java-support 8.0.0 "$modules/org/opensaml/main/java-support-8.0.0.jar"
install_jar org.glassfish.web jakarta.servlet.jsp.jstl 3.0.1-jbossorg-1 \
    "$modules/jakarta/servlet/jstl/api/main/jakarta.servlet.jsp.jstl-3.0.1-jbossorg-1.jar"
install_jar org.jboss.activemq.artemis.integration artemis-wildfly-integration 2.0.4.Final \
    "$modules/org/wildfly/extension/messaging-activemq/main/artemis-wildfly-integration-2.0.4.Final.jar"

# hal-console's jar is on Central, but not the parent POM that the feature pack build reads
hal="$repo/org/jboss/hal/hal-gwt-parent/3.7.17.Final"
if [ ! -f "$hal/hal-gwt-parent-3.7.17.Final.pom" ]; then
    mkdir -p "$hal"
    write_pom "$hal/hal-gwt-parent-3.7.17.Final.pom" org.jboss.hal hal-gwt-parent 3.7.17.Final pom
    echo "install-jboss-only-artifacts: installed org.jboss.hal:hal-gwt-parent:3.7.17.Final (POM only)"
fi
