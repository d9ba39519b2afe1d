/*
 * test_junit.c - the JUnit XML writer.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "junit.h"
#include "test_support.h"
#include "verdict.h"

/* What junit_write() writes for the results, as a string to free(). */
static char *junit_text(const char *port, const struct run_results *results,
                        const struct deviation_list *deviations)
{
    struct verdict verdict;
    char *text = NULL;
    size_t size = 0;
    FILE *out = open_memstream(&text, &size);

    assert_non_null(out);
    verdict_compute(&verdict, results);
    junit_write(out, port, results, &verdict, deviations);
    fclose(out);
    verdict_free(&verdict);
    return text;
}

static char *escaped(const char *input, bool in_attribute)
{
    char *text = NULL;
    size_t size = 0;
    FILE *out = open_memstream(&text, &size);

    assert_non_null(out);
    junit_write_escaped(out, input, in_attribute);
    fclose(out);
    return text;
}

static void test_special_characters_are_escaped(void **state)
{
    struct deviation_list no_deviations = { NULL, 0 };
    struct run_results results;
    char *text;

    (void)state;
    run_once(&results, &no_deviations,
             "(d1) KTAP version 1\n"
             "(d1) 1..3\n"
             "(d1) # verifies: hvabi~a<b>~1 \"q\"&'s'\n"
             "(d1) ok 1 name<with>&\"quotes\"'\n"
             "(d1) # FAIL: expected <1> & got \"2\"\n"
             "(d1) not ok 2 fails&fails\n"
             "(d1) ok 3 skipped # SKIP needs <memory> & time\n",
             NULL);
    text = junit_text("p<&>\"", &results, &no_deviations);
    assert_string_equal(
        text,
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        "<testsuites>\n"
        "  <testsuite name=\"hvabi.p&lt;&amp;&gt;&quot;\" tests=\"3\" failures=\"1\" "
        "errors=\"0\" skipped=\"1\">\n"
        "    <testcase classname=\"hvabi.p&lt;&amp;&gt;&quot;.d1\" "
        "name=\"name&lt;with&gt;&amp;&quot;quotes&quot;&apos;\">\n"
        "      <properties>\n"
        "        <property name=\"verifies\" "
        "value=\"hvabi~a&lt;b&gt;~1 &quot;q&quot;&amp;&apos;s&apos;\"/>\n"
        "      </properties>\n"
        "    </testcase>\n"
        "    <testcase classname=\"hvabi.p&lt;&amp;&gt;&quot;.d1\" name=\"fails&amp;fails\">\n"
        "      <failure message=\"FAIL: expected &lt;1&gt; &amp; got &quot;2&quot;\">"
        "FAIL: expected &lt;1&gt; &amp; got &quot;2&quot;\n"
        "</failure>\n"
        "    </testcase>\n"
        "    <testcase classname=\"hvabi.p&lt;&amp;&gt;&quot;.d1\" name=\"skipped\">\n"
        "      <skipped message=\"needs &lt;memory&gt; &amp; time\"/>\n"
        "    </testcase>\n"
        "  </testsuite>\n"
        "</testsuites>\n");
    free(text);
    run_results_free(&results);
}

static void test_deviation_missing_and_problems(void **state)
{
    struct deviation deviation = {
        .id = "XEN-001", .test = "broken", .requirement = "r", .observed = "o", .reason = "x",
    };
    struct deviation_list deviations = { &deviation, 1 };
    struct run_results results;
    char *text;

    (void)state;
    run_once(&results, &deviations,
             "(d1) KTAP version 1\n"
             "(d1) 1..3\n"
             "(d1) not ok 1 broken\n"
             "(d1) ok 5 out_of_plan\n"
             "(d1) # verifies: hvabi~second~1\n"
             "(XEN) last words\n",
             "timeout: the boot did not end within 3 s");
    text = junit_text("xen", &results, &deviations);

    assert_non_null(strstr(text, "tests=\"5\" failures=\"5\" errors=\"0\" skipped=\"0\""));
    assert_non_null(strstr(text, "<testcase classname=\"hvabi.xen.d1\" name=\"broken\">\n"
                                 "      <properties>\n"
                                 "        <property name=\"deviation\" value=\"XEN-001\"/>\n"
                                 "      </properties>\n"
                                 "      <failure message=\"not ok\"></failure>\n"));
    /* The test the domain crashed in: its tags, why, and the last lines. */
    assert_non_null(strstr(text, "<testcase classname=\"hvabi.xen.d1\" name=\"test 2\">\n"
                                 "      <properties>\n"
                                 "        <property name=\"verifies\" "
                                 "value=\"hvabi~second~1\"/>\n"
                                 "      </properties>\n"
                                 "      <failure message=\"crashed: the boot did not end "
                                 "within 5 s\">(d1) KTAP version 1\n"));
    assert_non_null(strstr(text, "(XEN) last words\n</failure>"));
    /* The test never run. */
    assert_non_null(strstr(text, "<testcase classname=\"hvabi.xen.d1\" name=\"test 3\">\n"
                                 "      <failure message=\"not run: too many crashes\">"));
    assert_non_null(strstr(text, "<testcase classname=\"hvabi.xen.run\" name=\"d1 KTAP\">\n"
                                 "      <failure message=\"d1 KTAP line 4: test 5 is outside "
                                 "the plan 1..3: &apos;ok 5 out_of_plan&apos;\"></failure>\n"));
    assert_non_null(strstr(text, "<testcase classname=\"hvabi.xen.run\" name=\"run\">\n"
                                 "      <failure message=\"timeout: the boot did not end within "
                                 "3 s\"></failure>\n"));
    free(text);
    run_results_free(&results);
}

/* With scenarios, one suite per scenario, named after it; the output of a
 * domain expected to be stopped is the suite's <system-out>. */
static void test_one_suite_per_scenario(void **state)
{
    static const char pair_text[] = "description = pair\n"
                                    "order = 1\n"
                                    "[domain main]\n"
                                    "memory-mib = 64\n"
                                    "cpus = 1\n"
                                    "bootargs = hvabi.role=main\n"
                                    "[domain victim]\n"
                                    "memory-mib = 16\n"
                                    "cpus = 1\n"
                                    "expect = stopped\n"
                                    "bootargs = hvabi.role=victim\n";
    struct run_results results;
    struct scenario single;
    struct scenario pair;
    FILE *report = fopen("/dev/null", "w");
    char *text;

    (void)state;
    assert_non_null(report);
    read_scenario(&single, "single", one_domain_scenario);
    read_scenario(&pair, "pair", pair_text);
    results.scenarios = calloc(2, sizeof(results.scenarios[0]));
    assert_non_null(results.scenarios);
    results.count = 2;
    scenario_results_init(&results.scenarios[0], &single);
    scenario_results_init(&results.scenarios[1], &pair);
    boot_with_output(&results.scenarios[0], NULL, report,
                     "(d1) KTAP version 1\n(d1) 1..1\n(d1) ok 1 a\n", NULL, NULL);
    boot_with_output(&results.scenarios[1], NULL, report,
                     "(d1) KTAP version 1\n(d1) 1..1\n(d2) stopping <now>\n(d1) ok 1 b\n",
                     NULL, NULL);
    text = junit_text("reference-hv", &results, NULL);
    assert_string_equal(
        text,
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        "<testsuites>\n"
        "  <testsuite name=\"hvabi.reference-hv.single\" tests=\"1\" failures=\"0\" "
        "errors=\"0\" skipped=\"0\">\n"
        "    <testcase classname=\"hvabi.reference-hv.single.d1\" name=\"a\">\n"
        "    </testcase>\n"
        "  </testsuite>\n"
        "  <testsuite name=\"hvabi.reference-hv.pair\" tests=\"1\" failures=\"0\" "
        "errors=\"0\" skipped=\"0\">\n"
        "    <testcase classname=\"hvabi.reference-hv.pair.d1\" name=\"b\">\n"
        "    </testcase>\n"
        "    <system-out>d2 (victim, expected to be stopped):\n"
        "(d2) stopping &lt;now&gt;\n"
        "</system-out>\n"
        "  </testsuite>\n"
        "</testsuites>\n");
    free(text);
    run_results_free(&results);
    scenario_free(&single);
    scenario_free(&pair);
    fclose(report);
}

static void test_text_xml_cannot_carry(void **state)
{
    char *text;

    (void)state;
    /* Control characters and broken UTF-8 become '?'. */
    text = escaped("a\x01" "b\x1b[0mc\x7f", false);
    assert_string_equal(text, "a?b?[0mc\x7f");
    free(text);
    text = escaped("bad \xff \xc3 \xe2\x82 \xc0\xaf \xed\xa0\x80 \xef\xbf\xbe end", false);
    assert_string_equal(text, "bad ? ? ?? ?? ??? ??? end");
    free(text);
    /* Valid UTF-8 is kept: é, €, U+1F600. */
    text = escaped("\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80", false);
    assert_string_equal(text, "\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80");
    free(text);
    /* Line ends: kept in text, character references in attributes. */
    text = escaped("one\ntwo\r\tthree", false);
    assert_string_equal(text, "one\ntwo&#13;\tthree");
    free(text);
    text = escaped("one\ntwo\r\tthree", true);
    assert_string_equal(text, "one&#10;two&#13;&#9;three");
    free(text);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_special_characters_are_escaped),
        cmocka_unit_test(test_deviation_missing_and_problems),
        cmocka_unit_test(test_one_suite_per_scenario),
        cmocka_unit_test(test_text_xml_cannot_carry),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
