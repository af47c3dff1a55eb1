#!/usr/bin/env bash
# Cross-JDK determinism check of the regression catalogue.
#
# Builds the regression module once, then computes every catalogue entry under the reference JDK (the default
# OpenJDK 17) and under the Temurin JDK found in /usr/lib/jvm, each with 1 and 4 threads, and requires the four
# canonical digests (one line per value: entry/field[index] raw-bits decimal) to be bit-identical. On a difference
# it lists every differing value and the differing fields, and exits 1. Exits 0 with a SKIPPED message when no
# second JDK is installed.
#
# Usage (from anywhere):  bash regression/cross-jdk.sh
# Environment: REFERENCE_JAVA, OTHER_JAVA (java executables) override the defaults; MVN_FLAGS adds Maven flags
# (e.g. MVN_FLAGS=-o for an offline build).
set -euo pipefail
cd "$(dirname "$0")/.."

REFERENCE_JAVA="${REFERENCE_JAVA:-/usr/lib/jvm/java-17-openjdk-amd64/bin/java}"
if [[ ! -x "$REFERENCE_JAVA" ]]; then
    REFERENCE_JAVA="$(command -v java)"
fi
if [[ -z "${OTHER_JAVA:-}" ]]; then
    OTHER_JAVA="$(ls -d /usr/lib/jvm/temurin-*/bin/java 2>/dev/null | sort -V | tail -n 1 || true)"
fi
if [[ -z "$OTHER_JAVA" || ! -x "$OTHER_JAVA" ]]; then
    echo "cross-jdk: SKIPPED: no second JDK (looked for /usr/lib/jvm/temurin-*/bin/java; set OTHER_JAVA to choose one)."
    echo "cross-jdk: only $("$REFERENCE_JAVA" -version 2>&1 | head -n 1) is installed, nothing to compare."
    exit 0
fi
if [[ "$(readlink -f "$REFERENCE_JAVA")" == "$(readlink -f "$OTHER_JAVA")" ]]; then
    echo "cross-jdk: SKIPPED: the reference and the other JDK are the same executable ($OTHER_JAVA)."
    exit 0
fi

MVN=(mvn -B -ntp -q -Dstyle.color=never ${MVN_FLAGS:-})
echo "cross-jdk: building the regression module (mvn install -DskipTests -pl regression -am)"
"${MVN[@]}" install -DskipTests -pl regression -am
CLASSPATH_LINE="$("${MVN[@]}" -pl regression exec:exec -Dexec.executable=echo -Dexec.args=%classpath \
    | sed 's/\x1b\[[0-9;]*m//g' | grep 'regression/target/classes' | tail -n 1)"
if [[ -z "$CLASSPATH_LINE" ]]; then
    echo "cross-jdk: FAILED: could not obtain the regression module's runtime classpath from Maven" >&2
    exit 2
fi

OUT=regression/target/cross-jdk
mkdir -p "$OUT"
run() { # name java threads
    local name="$1" java="$2" threads="$3"
    echo "cross-jdk: $name: $("$java" -version 2>&1 | head -n 1), threads = $threads"
    "$java" --add-modules jdk.incubator.vector -cp "$CLASSPATH_LINE" org.replearn.regression.Baselines --dump "$OUT/$name.txt" --threads "$threads"
}
run reference-t1 "$REFERENCE_JAVA" 1
run reference-t4 "$REFERENCE_JAVA" 4
run other-t1 "$OTHER_JAVA" 1
run other-t4 "$OTHER_JAVA" 4

status=0
values=$(wc -l < "$OUT/reference-t1.txt")
for name in reference-t4 other-t1 other-t4; do
    if cmp -s "$OUT/reference-t1.txt" "$OUT/$name.txt"; then
        echo "cross-jdk: $name: all $values values bit-identical to reference-t1"
        continue
    fi
    status=1
    echo "cross-jdk: $name DIFFERS from reference-t1 ($OUT/$name.txt vs $OUT/reference-t1.txt):"
    # Join the two digests on the value key and print every differing value, then the differing fields.
    awk 'NR == FNR { ref[$1] = $2 " " $3; next }
         !($1 in ref) { print "  only in '"$name"': " $0; next }
         ref[$1] != $2 " " $3 { split(ref[$1], r, " "); print "  " $1 ": reference " r[2] " (0x" r[1] "), '"$name"' " $3 " (0x" $2 ")"; key = $1; sub(/\[.*$/, "", key); fields[key]++ }
         { seen[$1] = 1 }
         END { for (k in ref) if (!(k in seen)) print "  missing in '"$name"': " k
               for (f in fields) print "  differing field: " f " (" fields[f] " values)" }' \
        "$OUT/reference-t1.txt" "$OUT/$name.txt" | sort
done
if [[ $status -eq 0 ]]; then
    echo "cross-jdk: PASSED: the catalogue is bit-identical across $(basename "$(dirname "$(dirname "$(readlink -f "$REFERENCE_JAVA")")")") and $(basename "$(dirname "$(dirname "$(readlink -f "$OTHER_JAVA")")")"), threads 1 and 4"
else
    echo "cross-jdk: FAILED: see the differing values above" >&2
fi
exit $status
