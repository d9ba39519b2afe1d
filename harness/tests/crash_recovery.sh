#!/bin/sh
# crash_recovery.sh HARNESS FAKE_QEMU FIXTURES - the crash recovery of the
# harness, end to end: hvabi-harness runs the scenarios of FIXTURES
# (tests/crash-recovery/) with the fake QEMU of fake_qemu.c, whose domains
# crash, hang and bail out; what it prints (but the first line, which
# names paths of this checkout) and its merged KTAP must be the
# NAME.expected files there.  Exits 1 on any difference.
set -u
harness=$1
fake_qemu=$2
fixtures=$3
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
status=0

# run NAME EXPECTED_EXIT_STATUS [OPTIONS...]
run() {
    name=$1
    expected_exit=$2
    shift 2
    "$harness" run --qemu "$fake_qemu" --port-file "$fixtures/port.conf" \
        --guest "$fixtures/guest.Image" --inactivity 1 "$@" >"$work/$name.out" 2>&1
    exit_status=$?
    if [ "$exit_status" -ne "$expected_exit" ]; then
        echo "$name: exit status $exit_status, expected $expected_exit"
        cat "$work/$name.out"
        status=1
    fi
    tail -n +2 "$work/$name.out" >"$work/$name.txt"
    diff -u "$fixtures/$name.expected" "$work/$name.txt" || status=1
}

# Three boots of crashes, two of hangs and of bails: every test one result.
run all 1 --scenario-file "$fixtures/crashes.conf" --scenario-file "$fixtures/hangs.conf" \
    --scenario-file "$fixtures/bails.conf" --ktap "$work/all.ktap"
diff -u "$fixtures/all.ktap.expected" "$work/all.ktap" || status=1

# One restart only: the test after the second crash is not run.
run max-restarts 1 --scenario-file "$fixtures/crashes.conf" --max-restarts 1

exit $status
