#!/usr/bin/env bash
# Builds a synthetic class for the class grading's benchmark and self-test:
#   grader/make-class.sh DIR [STUDENTS [FIXTURES]]   (default: 100 students, every fixture)
# FIXTURES, a regular expression, keeps only the fixtures whose names match it (the kit's
# self-test uses the ones that fail fast).
# Each student gets, per lab, one of: the reference solution, the untouched starter, or the
# solution with one role replaced by a buggy fixture of the kit's self-tests (the fixture's
# package is copied beside the lab's package, and the role's class becomes a one-line main
# that runs the fixture). The mix is deterministic (student number and lab), about 40 %
# solutions, 20 % starters, 40 % fixtures; each student's changed files end with a comment of
# their own, so that no two submissions are byte for byte the same. Half the students are laid out as a checkout one
# folder down (student/socket-lab-kit/lab01-echo), half as bare lab folders. Student 013's
# lab 03 does not compile; student 050's folder holds no lab (wrong shape).
set -euo pipefail
kit=$(cd "$(dirname "$0")/.." && pwd)
dir=${1:?usage: grader/make-class.sh DIR [STUDENTS]}
students=${2:-100}
only=${3:-.}
fixtures="$kit/selftest/src/test/java/fixtures"
rm -rf "$dir"
mkdir -p "$dir"

labs=()
for module in "$kit"/lab0*-*/; do labs+=("$(basename "$module")"); done

role_class() {  # lab tag, role -> class name
  case "$1-$2" in
    lab01-server|lab02-server) echo EchoServer ;;
    lab01-client) echo EchoClient ;;
    *-server) echo ChatServer ;;
    *-client) echo ChatClient ;;
  esac
}

for i in $(seq 1 "$students"); do
  name=$(printf 'student%03d' "$i")
  if [ "$i" -eq 50 ]; then
    mkdir -p "$dir/$name" && echo "I zipped the wrong folder" > "$dir/$name/README.txt"
    continue
  fi
  base="$dir/$name"
  if [ $((i % 2)) -eq 0 ]; then base="$dir/$name/socket-lab-kit"; fi
  mkdir -p "$base"
  for l in "${!labs[@]}"; do
    module=${labs[$l]}
    tag=${module%%-*}
    [ -d "$kit/solutions/src/main/java/$tag" ] || continue
    mkdir -p "$base/$module/src/main/java"
    mapfile -t bugs < <(ls "$fixtures/$tag" 2>/dev/null | grep -v 'Base\.java$' | grep -E "$only" | sort)
    pick=$(( (i * 7 + l * 3) % 10 ))
    if [ "$pick" -lt 2 ]; then            # the untouched starter
      cp -r "$kit/$module/src/main/java/$tag" "$base/$module/src/main/java/"
    else                                  # the solution, maybe with one buggy role
      cp -r "$kit/solutions/src/main/java/$tag" "$base/$module/src/main/java/"
      if [ "$pick" -ge 6 ] && [ "${#bugs[@]}" -gt 0 ]; then
        bug=${bugs[$(( (i + l) % ${#bugs[@]} ))]%.java}
        case "$bug" in *Client) role=client ;; *) role=server ;; esac
        class=$(role_class "$tag" "$role")
        mkdir -p "$base/$module/src/main/java/fixtures"
        cp -r "$fixtures/$tag" "$base/$module/src/main/java/fixtures/"
        # Lab 02's fixtures build on lab 01's base classes.
        if grep -q 'fixtures.lab01' "$fixtures/$tag/"*.java 2>/dev/null && [ "$tag" != lab01 ]; then
          cp -r "$fixtures/lab01" "$base/$module/src/main/java/fixtures/"
        fi
        cat > "$base/$module/src/main/java/$tag/$class.java" <<JAVA
package $tag;

/** Synthetic submission: runs the kit's buggy fixture $bug as this role. */
public class $class {
    public static void main(String[] args) throws Exception {
        fixtures.$tag.$bug.main(args);
    }
}
JAVA
        echo "$tag $bug" >> "$dir/$name.bugs"
      fi
    fi
  done
  # Every student's own code differs from every other's, as in a real class (an untouched starter
  # stays the starter): a comment with the student's name in each file they changed.
  for changed in "$base"/*/src/main/java; do
    [ -d "$changed" ] || continue
    module=$(basename "$(dirname "$(dirname "$(dirname "$changed")")")")
    tag=${module%%-*}
    if ! diff -rq "$changed/$tag" "$kit/$module/src/main/java/$tag" >/dev/null 2>&1; then
      find "$changed" -name '*.java' -exec sh -c 'printf "// %s\n" "$1" >> "$2"' _ "$name" {} \;
    fi
  done
  if [ "$i" -eq 13 ] && [ -d "$base/lab03-broadcast" ]; then
    echo "class Oops { int x = }" >> "$base/lab03-broadcast/src/main/java/lab03/ChatServer.java"
  fi
done
# The fixture list of each student stays outside their folder, as notes for whoever reads the grades.
mkdir -p "$dir.notes" && mv "$dir"/*.bugs "$dir.notes/" 2>/dev/null || true
echo "built $students submissions in $dir (which bug each has: $dir.notes)"
