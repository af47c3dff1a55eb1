#!/usr/bin/env bash
# Claims mutation gate (docs/mutations.md): do the claims catch realistic bugs in math-core?
#
# Copies the repository at HEAD into a scratch git worktree under $TMPDIR (the working tree you run it from is never
# touched), runs the claims there on the un-mutated code (the baseline: every claim must hold), then, one at a time,
# applies each bug of regression/mutations/NN-name.patch with 'git apply', builds, runs
#   ./replearn reproduce --scale quick --seed 0 --quiet --out OUT/NN-name
# and restores the code. Prints the table of which claims fail under each bug (each failed claim with its measurement
# against its prediction and tolerance) and writes it to OUT/mutations.md and OUT/mutations.csv. Removes the scratch
# worktree (and nothing else) on exit, also when interrupted.
#
# Usage: bash regression/mutations/run.sh [options]
#   --out DIR      output directory, new or empty (default: $TMPDIR/replearn-mutations-<date>-<time>)
#   --seed S       master seed (default 0)
#   --only IDS     run only these claims (comma-separated ids, as 'replearn reproduce --only')
#   --scale SCALE  quick (default) or full
#   --bugs LIST    only these bugs: comma-separated numbers (3) or names (03-he-coefficients-in-gradq)
#   -o, --offline  build with Maven offline (-o)
#   -h, --help     this text
# The patches are read from this script's directory, the code from HEAD. REPLEARN_JAVA_OPTS is passed to the runs.
#
# Exit codes:
#   0  every bug is caught by at least one claim
#   1  some bug is caught by no claim
#   2  usage error (bad flag or value, unknown bug, output directory not empty, not in a git checkout); nothing run
#   3  the baseline (un-mutated HEAD) does not hold every claim, or fails to build: nothing to compare against
#   4  a patch no longer applies, mutated code does not build, or a run wrote no claims.json
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
usage_text() { sed -n '/^# Usage:/,/^#   4 /{s/^# \{0,1\}//;p}' "${BASH_SOURCE[0]}"; }
fail_usage() { echo "mutations: $* (see --help)" >&2; exit 2; }

out="" seed=0 only="" scale=quick bugs_arg="" offline=()
while (( $# )); do
    case "$1" in
        -h|--help) usage_text; exit 0 ;;
        -o|--offline) offline=(-o) ;;
        --out|--seed|--only|--scale|--bugs)
            (( $# >= 2 )) || fail_usage "$1 needs a value"
            case "$1" in
                --out) out="$2" ;; --seed) seed="$2" ;; --only) only="$2" ;; --scale) scale="$2" ;; --bugs) bugs_arg="$2" ;;
            esac
            shift ;;
        --out=*) out="${1#*=}" ;; --seed=*) seed="${1#*=}" ;; --only=*) only="${1#*=}" ;;
        --scale=*) scale="${1#*=}" ;; --bugs=*) bugs_arg="${1#*=}" ;;
        *) fail_usage "unknown argument '$1'" ;;
    esac
    shift
done
[[ "$seed" =~ ^-?[0-9]+$ ]] || fail_usage "--seed '$seed' is not a whole number"
[[ "$scale" == quick || "$scale" == full ]] || fail_usage "--scale '$scale' is not quick or full"
[[ -z "$only" || "$only" =~ ^[a-z0-9-]+(,[a-z0-9-]+)*$ ]] || fail_usage "--only '$only' is not a comma-separated list of claim ids"
for tool in git java mvn; do
    command -v "$tool" >/dev/null || fail_usage "'$tool' is not on the PATH (the gate needs git, a JDK 17 and Maven)"
done
repo="$(git -C "$here" rev-parse --show-toplevel 2>/dev/null)" \
    || fail_usage "$here is not inside a git checkout (the gate copies HEAD with 'git worktree')"
commit="$(git -C "$repo" rev-parse HEAD)"

# The bugs: every NN-name.patch beside this script, or those --bugs names.
all=()
for p in "$here"/[0-9][0-9]-*.patch; do [[ -f "$p" ]] && all+=("$(basename "$p" .patch)"); done
(( ${#all[@]} )) || fail_usage "no NN-name.patch files in $here"
bugs=()
if [[ -z "$bugs_arg" ]]; then
    bugs=("${all[@]}")
else
    IFS=, read -r -a wanted <<<"$bugs_arg"
    for w in "${wanted[@]}"; do
        match=""
        for b in "${all[@]}"; do
            if [[ "$w" =~ ^[0-9]{1,4}$ ]] && (( 10#${b%%-*} == 10#$w )) || [[ "$b" == "$w" || "${b#*-}" == "$w" ]]; then
                match="$b"
            fi
        done
        [[ -n "$match" ]] || fail_usage "--bugs: no bug '$w' (known: ${all[*]})"
        bugs+=("$match")
    done
fi

if [[ -z "$out" ]]; then
    out="${TMPDIR:-/tmp}/replearn-mutations-$(date -u +%Y%m%d-%H%M%S)"
fi
if [[ -e "$out" && ( ! -d "$out" || -n "$(ls -A "$out" 2>/dev/null)" ) ]]; then
    fail_usage "--out '$out' exists and is not an empty directory (give a new or empty one)"
fi
mkdir -p "$out/logs" || fail_usage "cannot create --out '$out'"
out="$(cd "$out" && pwd)"

# The scratch copy of HEAD; the trap removes it (and only it) however the script ends.
scratch="$(mktemp -d "${TMPDIR:-/tmp}/replearn-mutations-scratch.XXXXXX")"
tree="$scratch/tree"
pid=""
cleanup() {
    [[ -n "$pid" ]] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null
    git -C "$repo" worktree remove --force "$tree" >/dev/null 2>&1 || true
    rm -rf "$scratch"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
git -C "$repo" worktree add --detach --quiet "$tree" "$commit"

reproduce=(./replearn reproduce --scale "$scale" --seed "$seed" --quiet)
[[ -n "$only" ]] && reproduce+=(--only "$only")
total=$(( ${#bugs[@]} + 1 ))
started=$SECONDS
done_runs=0

clock() { printf '%d:%02d' $(( $1 / 60 )) $(( $1 % 60 )); }
progress() { # step name
    local eta="ETA unknown until the baseline has run"
    if (( done_runs > 0 )); then
        eta="ETA $(clock $(( (SECONDS - started) * (total - done_runs) / done_runs ))) left"
    fi
    echo "mutations: [$1/$total] $2 (elapsed $(clock $(( SECONDS - started ))), $eta)" >&2
}

# build NAME: Maven package of math-core and theory-checks in the scratch tree (the launcher then finds its jar fresh).
build() {
    (cd "$tree" && mvn -q -B -ntp "${offline[@]}" -DskipTests -pl math-core,theory-checks -am package) \
        >"$out/logs/$1.build.log" 2>&1
}

# run NAME: the claims on the scratch tree's code into OUT/NAME; replearn's exit code in $rc. A ticker on a terminal.
run_claims() {
    local t0=$SECONDS
    rc=0
    (cd "$tree" && exec "${reproduce[@]}" --out "$out/$1") >"$out/logs/$1.run.log" 2>&1 &
    pid=$!
    while kill -0 "$pid" 2>/dev/null; do
        [[ -t 2 ]] && printf '\rmutations:   %s running, %s' "$1" "$(clock $(( SECONDS - t0 )))" >&2
        sleep 5
    done
    wait "$pid" || rc=$?
    pid=""
    [[ -t 2 ]] && printf '\r\033[K' >&2
    return 0
}

# The table is read by MutationTable.java (JDK + Jackson) run as a single source file on the baseline's jar.
table_tool="$here/../src/main/java/org/replearn/regression/MutationTable.java"

echo "mutations: HEAD $commit in $tree; reports and table in $out" >&2
echo "mutations: ${#bugs[@]} bugs: ${bugs[*]}" >&2
progress 1 "baseline (the un-mutated code): building, running"
build baseline || { echo "mutations: the baseline does not build: $out/logs/baseline.build.log" >&2; exit 3; }
cp "$tree/theory-checks/target/replearn.jar" "$scratch/table.jar"
run_claims baseline
done_runs=1
printf 'baseline\t%s\tbaseline\tthe un-mutated code at HEAD\n' "$rc" >"$out/runs.tsv"
if (( rc == 2 )); then
    echo "mutations: replearn refused the arguments: $(tail -n 1 "$out/logs/baseline.run.log")" >&2
    exit 2
fi
if (( rc != 0 )); then
    echo "mutations: the baseline does not hold every claim (replearn exited $rc; $out/logs/baseline.run.log):" >&2
    (cd "$tree" && ./replearn results "$out/baseline") >&2 2>/dev/null || tail -n 5 "$out/logs/baseline.run.log" >&2
    exit 3
fi

judged=0
step=1
for bug in "${bugs[@]}"; do
    step=$(( step + 1 ))
    patch="$here/$bug.patch"
    title="$(sed -n 's/^# Bug [0-9]*: //p' "$patch" | head -n 1)"
    progress "$step" "$bug: applying, building, running"
    if ! git -C "$tree" apply "$patch" 2>"$out/logs/$bug.apply.log"; then
        echo "mutations: $bug.patch no longer applies to HEAD: $(head -n 1 "$out/logs/$bug.apply.log")" >&2
        printf '%s\t-1\t%s\t%s (the patch does not apply)\n' "$bug" "$bug" "$title" >>"$out/runs.tsv"
        judged=4
        continue
    fi
    if build "$bug"; then
        run_claims "$bug"
    else
        echo "mutations: $bug does not build: $out/logs/$bug.build.log" >&2
        rc=-1
        judged=4
    fi
    printf '%s\t%s\t%s\t%s\n' "$bug" "$rc" "$bug" "$title" >>"$out/runs.tsv"
    git -C "$tree" checkout --quiet -- .
    done_runs=$(( done_runs + 1 ))
done

rc=0
java -cp "$scratch/table.jar" "$table_tool" "$out" || rc=$?
echo "mutations: table in $out/mutations.md and $out/mutations.csv (elapsed $(clock $(( SECONDS - started ))))" >&2
(( judged == 4 )) && exit 4
case "$rc" in
    0) echo "mutations: every bug is caught by at least one claim" >&2 ;;
    1) echo "mutations: some bug is caught by no claim (see 'caught by' above)" >&2 ;;
    *) rc=4 ;;
esac
exit "$rc"
