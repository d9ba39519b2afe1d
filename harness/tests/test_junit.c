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

/* What junit_write() writes for the session, as a string to free(). */
static char *junit_text(const char *port, const struct session *session,
                        const struct deviation_list *deviations)
{
    struct verdict verdict;
    char *text = NULL;
    size_t size = 0;
    FILE *out = open_memstream(&text, &size);

    assert_non_null(out);
    verdict_compute(&verdict, session);
    junit_write(out, port, session, &verdict, deviations);
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
    const unsigned one_domain[] = { 1 };
    struct deviation_list no_deviations = { NULL, 0 };
    struct session session;
    FILE *report = fopen("/dev/null", "w");
    char *text;

    (void)state;
    assert_non_null(report);
    session_init(&session, one_domain, 1, &no_deviations, report, false);
    feed_session(&session,
                 "(d1) KTAP version 1\n"
                 "(d1) 1..3\n"
                 "(d1) # verifies: hvabi~a<b>~1 \"q\"&'s'\n"
                 "(d1) ok 1 name<with>&\"quotes\"'\n"
                 "(d1) # FAIL: expected <1> & got \"2\"\n"
                 "(d1) not ok 2 fails&fails\n"
                 "(d1) ok 3 skipped # SKIP needs <memory> & time\n");
    text = junit_text("p<&>\"", &session, &no_deviations);
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
    session_free(&session);
    fclose(report);
}

static void test_deviation_missing_and_problems(void **state)
{
    const unsigned one_domain[] = { 1 };
    struct deviation deviation = {
        .id = "XEN-001", .test = "broken", .requirement = "r", .observed = "o", .reason = "x",
    };
    struct deviation_list deviations = { &deviation, 1 };
    struct session session;
    FILE *report = fopen("/dev/null", "w");
    char *text;

    (void)state;
    assert_non_null(report);
    session_init(&session, one_domain, 1, &deviations, report, false);
    feed_session(&session,
                 "(d1) KTAP version 1\n"
                 "(d1) 1..3\n"
                 "(d1) not ok 1 broken\n"
                 "(d1) ok 5 out_of_plan\n"
                 "(XEN) last words\n");
    session_add_run_problem(&session, "timeout: the run did not end within 3 s");
    text = junit_text("xen", &session, &deviations);

    assert_non_null(strstr(text, "tests=\"5\" failures=\"5\" errors=\"0\" skipped=\"0\""));
    assert_non_null(strstr(text, "<testcase classname=\"hvabi.xen.d1\" name=\"broken\">\n"
                                 "      <properties>\n"
                                 "        <property name=\"deviation\" value=\"XEN-001\"/>\n"
                                 "      </properties>\n"
                                 "      <failure message=\"not ok\"></failure>\n"));
    assert_non_null(strstr(text, "<testcase classname=\"hvabi.xen.d1\" name=\"test 2\">\n"
                                 "      <failure message=\"no result (the domain stopped or "
                                 "hung)\">(d1) KTAP version 1\n"));
    assert_non_null(strstr(text, "(XEN) last words\n</failure>"));
    assert_non_null(strstr(text, "<testcase classname=\"hvabi.xen.d1\" name=\"test 3\">"));
    assert_non_null(strstr(text, "<testcase classname=\"hvabi.xen.run\" name=\"d1 KTAP\">\n"
                                 "      <failure message=\"d1 KTAP line 4: test 5 is outside "
                                 "the plan 1..3: &apos;ok 5 out_of_plan&apos;\"></failure>\n"));
    assert_non_null(strstr(text, "<testcase classname=\"hvabi.xen.run\" name=\"run\">\n"
                                 "      <failure message=\"timeout: the run did not end within "
                                 "3 s\"></failure>\n"));
    free(text);
    session_free(&session);
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
        cmocka_unit_test(test_text_xml_cannot_carry),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
