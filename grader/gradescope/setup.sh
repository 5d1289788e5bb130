#!/usr/bin/env bash
# Gradescope: runs once when the autograder image is built (Ubuntu base images).
# Installs a JDK and Maven and what the grader's sandbox needs, then warms Maven's cache so
# that grading needs no download.
# The sandbox: Gradescope runs the autograder as root in Docker, where namespaces are refused,
# so the layer that works is the separate user. It needs no account: the grader starts each
# program as a fresh, unused user id with setpriv (util-linux), and kills every process of
# that id when the test ends. bubblewrap is installed for images that allow namespaces.
set -euo pipefail
apt-get update
apt-get install -y --no-install-recommends openjdk-17-jdk-headless maven python3 util-linux bubblewrap
cd /autograder/source
# Grading the reference lab 01 client once resolves every plugin and library the grader needs.
# Required: if no sandbox works in this image, the build of the autograder fails here, not at
# grading time. The first line of the output names the layer chosen.
mvn -B -pl grader test -Dgroups="lab01 & client" -Dgrader.target=solutions -Dgrader.sandbox=required \
  | grep -E '^(Sandbox:|Total:)'  # pipefail: a failing run fails the setup
