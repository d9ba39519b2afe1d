# coverage_report.cmake - runs the refhv_ tests of a build made with
# -DHVABI_COVERAGE=ON and writes the lcov HTML report of the core.
#
# Run by the target refhv_coverage (tests/CMakeLists.txt) as
#   cmake -DLCOV=... -DGENHTML=... -DCTEST=... -DTEST_DIR=... -DREPORT_DIR=...
#         -P coverage_report.cmake
# TEST_DIR is the build directory of the tests (their objects and the
# core's are below it); REPORT_DIR receives index.html.
#
# The report covers the core and lib/fdtutil as compiled into the tests;
# system headers, the tests themselves and the fakes of arch/host are
# left out, as they are not the code under test.

foreach(variable IN ITEMS LCOV GENHTML CTEST TEST_DIR REPORT_DIR)
    if(NOT DEFINED ${variable})
        message(FATAL_ERROR "coverage_report.cmake: ${variable} is not set")
    endif()
endforeach()

set(work "${TEST_DIR}/coverage")
file(REMOVE_RECURSE "${work}" "${REPORT_DIR}")
file(MAKE_DIRECTORY "${work}")

# Runs a command and stops the script if it fails.
function(run_step what)
    execute_process(COMMAND ${ARGN} RESULT_VARIABLE result)
    if(NOT result EQUAL 0)
        message(FATAL_ERROR "refhv_coverage: ${what} failed (${result})")
    endif()
endfunction()

# Counts of earlier runs must not add to this one.
run_step("resetting the counters"
    "${LCOV}" --quiet --zerocounters --directory "${TEST_DIR}")

# Every line of every compiled file at zero, so that a file no test reaches
# is reported at 0 % instead of missing from the report.
run_step("the baseline capture"
    "${LCOV}" --quiet --capture --initial --directory "${TEST_DIR}"
    --output-file "${work}/baseline.info")

# A failing suite gives no report: coverage of tests that fail says nothing.
execute_process(COMMAND "${CTEST}" --output-on-failure -R "^refhv_"
    WORKING_DIRECTORY "${TEST_DIR}" RESULT_VARIABLE tests_result)
if(NOT tests_result EQUAL 0)
    message(FATAL_ERROR "refhv_coverage: the refhv_ tests failed: no report written")
endif()

run_step("capturing the counts"
    "${LCOV}" --quiet --capture --directory "${TEST_DIR}" --output-file "${work}/tests.info")
run_step("combining the baseline and the counts"
    "${LCOV}" --quiet --add-tracefile "${work}/baseline.info"
    --add-tracefile "${work}/tests.info" --output-file "${work}/all.info")
run_step("leaving out system headers, tests and fakes"
    "${LCOV}" --quiet --remove "${work}/all.info"
    "/usr/*" "*/ports/reference-hv/tests/*" "*/ports/reference-hv/arch/host/*"
    --output-file "${work}/core.info")
run_step("writing the HTML report"
    "${GENHTML}" --quiet --title "reference-hv core, hosted unit tests"
    --output-directory "${REPORT_DIR}" "${work}/core.info")

message(STATUS "Coverage per file:")
run_step("listing the files" "${LCOV}" --list "${work}/core.info")
message(STATUS "Report: ${REPORT_DIR}/index.html")
run_step("the summary" "${LCOV}" --summary "${work}/core.info")
