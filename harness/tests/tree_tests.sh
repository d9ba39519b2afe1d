#!/bin/sh
# tree_tests.sh HARNESS FAKE_QEMU FIXTURES - the system-tree tests of the
# harness, end to end: hvabi-harness runs FIXTURES/fake.conf with the fake
# QEMU of fake_qemu.c; what it prints (but the first line, which names
# paths of this checkout) must be FIXTURES/fake.expected, and its exit
# status 1 (tests fail on purpose).
set -u
harness=$1
fake_qemu=$2
fixtures=$3
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
status=0

"$harness" run --qemu "$fake_qemu" --port-file "$fixtures/../crash-recovery/port.conf" \
    --guest "$fixtures/../crash-recovery/guest.Image" --inactivity 1 \
    --system-tree-file "$fixtures/fake.conf" --junit "$work/fake.xml" >"$work/fake.out" 2>&1
exit_status=$?
if [ "$exit_status" -ne 1 ]; then
    echo "exit status $exit_status, expected 1"
    cat "$work/fake.out"
    status=1
fi
tail -n +2 "$work/fake.out" >"$work/fake.txt"
diff -u "$fixtures/fake.expected" "$work/fake.txt" || status=1
# The JUnit file carries each test with its tags, for the trace gate.
grep -q '<testcase classname="hvabi.fake.fake.tree" name="refused_and_named">' "$work/fake.xml" ||
    { echo "fake.xml: no test case refused_and_named"; status=1; }
grep -q '<property name="verifies" value="hvabi~fake-a~1"/>' "$work/fake.xml" ||
    { echo "fake.xml: no verifies property"; status=1; }
exit $status
