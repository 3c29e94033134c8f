# Sourced by .ci/run and ./snn: points JAVA_HOME at a JDK 25 or newer, or stops with a clear message.
jdk_version() { "$1/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p'; }
if [ -z "${JAVA_HOME:-}" ] || [ ! -x "$JAVA_HOME/bin/java" ] || [ "$(jdk_version "$JAVA_HOME")" -lt 25 ] 2>/dev/null; then
  JAVA_HOME=
  for candidate in /usr/lib/jvm/temurin-25* /usr/lib/jvm/*-25* /usr/lib/jvm/*; do
    if [ -x "$candidate/bin/javac" ] && [ "$(jdk_version "$candidate")" -ge 25 ] 2>/dev/null; then
      JAVA_HOME=$candidate
      break
    fi
  done
  if [ -z "$JAVA_HOME" ]; then
    echo "vecsnn needs a JDK 25 or newer (none under /usr/lib/jvm, and JAVA_HOME is not one)." >&2
    echo "Install one (for example Temurin 25) and set JAVA_HOME to it." >&2
    exit 1
  fi
fi
export JAVA_HOME
