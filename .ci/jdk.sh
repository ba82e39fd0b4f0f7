# Sourced by .ci/run and it-tests/under-load (bash): `use_jdk NAME` exports JAVA_HOME and PATH for the newest JDK >= 21
# under /usr/lib/jvm, installing openjdk-21-jdk-headless with apt-get when there is none. NAME prefixes its messages.

java_major() {
  "$1/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p' | head -n 1
}

pick_jdk() {
  local best="" best_major=0 dir major
  for dir in /usr/lib/jvm/*/; do
    dir=${dir%/}
    [ -x "$dir/bin/javac" ] || continue
    major=$(java_major "$dir" || true)
    [[ "$major" =~ ^[0-9]+$ ]] || continue
    if [ "$major" -ge 21 ] && [ "$major" -gt "$best_major" ]; then
      best=$dir best_major=$major
    fi
  done
  echo "$best"
}

use_jdk() {
  local name=$1 jdk
  jdk=$(pick_jdk)
  if [ -z "$jdk" ]; then
    echo "$name: no JDK >= 21 under /usr/lib/jvm; installing openjdk-21-jdk-headless" >&2
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq openjdk-21-jdk-headless >/dev/null
    jdk=$(pick_jdk)
  fi
  if [ -z "$jdk" ]; then
    echo "$name: no JDK >= 21 could be found or installed" >&2
    exit 1
  fi
  export JAVA_HOME=$jdk
  export PATH="$JAVA_HOME/bin:$PATH"
  echo "$name: JAVA_HOME=$JAVA_HOME"
}
