/*
 * event_channel_fifo.c - the FIFO event channel layout, optional feature
 * evtchn-fifo (role evtchn_fifo, scenario evtchn_fifo).
 *
 * Specification: spec/chapters/event_channel.rst, "The FIFO layout",
 * EVTCHNOP_unmask and EVTCHNOP_reset.  A hypervisor without the feature
 * answers EVTCHNOP_init_control with -ENOSYS (conventions.rst); every test
 * here then skips, and evtchn_fifo_commands_without_fifo (main role)
 * checks that answer.
 *
 * The tests run in order on one domain: the commands in the 2-level
 * layout, the switch, delivery in the FIFO layout, and the reset back to
 * the 2-level layout.  A test that needs the FIFO layout switches to it
 * itself when an earlier test has not (after a restart, say).
 */
#include <stdint.h>
#include <string.h>

#include "framework/suite.h"
#include "support/event_irq.h"
#include "support/evtchn.h"
#include "support/readonly_page.h"
#include "support/shared_info.h"
#include "tests/addresses.h"

#include <hvabi/errno.h>
#include <hvabi/types.h>

#define PAGE_SIZE 4096
#define ARRAY_PAGES 128
#define WORDS_PER_PAGE (PAGE_SIZE / sizeof(hvabi_evtchn_fifo_word_t))

#define PENDING (1U << HVABI_EVTCHN_FIFO_PENDING)
#define MASKED  (1U << HVABI_EVTCHN_FIFO_MASKED)
#define LINKED  (1U << HVABI_EVTCHN_FIFO_LINKED)
#define LINK    HVABI_EVTCHN_FIFO_LINK_MASK

static uint8_t control_page[PAGE_SIZE] __attribute__((aligned(PAGE_SIZE)));
/* A zeroed page offered as a 129th event array page, which must be refused. */
static uint8_t spare_page[PAGE_SIZE] __attribute__((aligned(PAGE_SIZE)));
/* A copy of the first event array page, to see that nothing writes it. */
static uint8_t page_copy[PAGE_SIZE];
static hvabi_evtchn_fifo_word_t event_array[ARRAY_PAGES][WORDS_PER_PAGE]
    __attribute__((aligned(PAGE_SIZE)));

static struct {
    bool active;           /* the domain uses the FIFO layout */
    uint32_t pages;        /* event array pages added */
    bool switched_with_snapshot;
    hvabi_ulong_t pending_at_switch[64];
    hvabi_ulong_t mask_at_switch[64];
    hvabi_ulong_t selector_at_switch;
} fifo;

static volatile struct hvabi_evtchn_fifo_control_block *control_block(void)
{
    return (volatile struct hvabi_evtchn_fifo_control_block *)control_page;
}

static volatile hvabi_evtchn_fifo_word_t *word(uint32_t port)
{
    return &event_array[port / WORDS_PER_PAGE][port % WORDS_PER_PAGE];
}

static uint64_t frame_of(const void *address)
{
    return (uint64_t)(uintptr_t)address / PAGE_SIZE;
}

static int64_t init_control(uint64_t gfn, uint32_t offset, uint32_t vcpu, uint8_t *link_bits)
{
    struct hvabi_evtchn_init_control arg;
    int64_t rc;

    memset(&arg, 0, sizeof(arg));
    arg.control_gfn = gfn;
    arg.offset = offset;
    arg.vcpu = vcpu;
    rc = evtchn_op(HVABI_EVTCHNOP_INIT_CONTROL, (uint64_t)(uintptr_t)&arg);
    if (rc == 0 && link_bits != NULL) {
        *link_bits = arg.link_bits;
    }
    return rc;
}

static int64_t expand_array(uint64_t gfn)
{
    struct hvabi_evtchn_expand_array arg = { .array_gfn = gfn };

    return evtchn_op(HVABI_EVTCHNOP_EXPAND_ARRAY, (uint64_t)(uintptr_t)&arg);
}

static int64_t set_priority(uint32_t port, uint32_t priority)
{
    struct hvabi_evtchn_set_priority arg = { .port = port, .priority = priority };

    return evtchn_op(HVABI_EVTCHNOP_SET_PRIORITY, (uint64_t)(uintptr_t)&arg);
}

/* Adds the next page of the event array, zeroed first. */
static int64_t add_page(void)
{
    int64_t rc;

    if (fifo.pages >= ARRAY_PAGES) {
        return 1;
    }
    memset(event_array[fifo.pages], 0, PAGE_SIZE);
    rc = expand_array(frame_of(event_array[fifo.pages]));
    if (rc == 0) {
        fifo.pages++;
    }
    return rc;
}

static bool offered(struct test_context *t)
{
    if (!evtchn_fifo_offered(t)) {
        test_skip(t, "no FIFO layout (optional feature evtchn-fifo): init_control gives -ENOSYS");
        return false;
    }
    return true;
}

/* Switches to the FIFO layout with one event array page, unless a test
 * did already. */
static bool ensure_fifo(struct test_context *t)
{
    uint8_t link_bits = 0;

    if (fifo.active) {
        return true;
    }
    memset(control_page, 0, sizeof(control_page));
    if (!expect_result(t, "EVTCHNOP_init_control(vCPU 0)",
                       init_control(frame_of(control_page), 0, 0, &link_bits), 0)) {
        return false;
    }
    fifo.active = true;
    fifo.pages = 0;
    return expect_result(t, "EVTCHNOP_expand_array of the first page", add_page(), 0);
}

/* The guest's side: take port off the front of queue q (it must be there)
 * and clear its PENDING; returns the old event word. */
static uint32_t take_from_queue(uint32_t port)
{
    uint32_t old = __atomic_fetch_and(word(port), ~(LINKED | LINK), __ATOMIC_SEQ_CST);

    __atomic_fetch_and(word(port), ~PENDING, __ATOMIC_SEQ_CST);
    return old;
}

/* Clears the upcall flag and ready, as a guest does before it looks. */
static void quiet_control(struct test_context *t)
{
    volatile struct hvabi_vcpu_info *vcpu = evtchn_vcpu_info(t, 0);

    if (vcpu != NULL) {
        __atomic_store_n(&vcpu->evtchn_upcall_pending, 0, __ATOMIC_SEQ_CST);
    }
    __asm__ volatile("dmb ish" ::: "memory");
    __atomic_exchange_n(&control_block()->ready, 0, __ATOMIC_SEQ_CST);
}

/* The FIFO commands in the 2-level layout. */
static void commands_in_2l(struct test_context *t)
{
    uint32_t port;

    if (!offered(t)) {
        return;
    }
    if (fifo.active) {
        expect(t, false, "test order: the domain uses the FIFO layout before this test");
        return;
    }
    port = evtchn_open_ipi(t, 0, "an IPI port");
    expect_result(t, "EVTCHNOP_expand_array in the 2-level layout",
                  expand_array(frame_of(event_array[0])), -HVABI_EOPNOTSUPP);
    if (port != 0) {
        expect_result(t, "EVTCHNOP_set_priority in the 2-level layout", set_priority(port, 3),
                      -HVABI_ENOSYS);
    }
    /* The port is checked before the layout. */
    expect_result(t, "EVTCHNOP_set_priority(port 0xffffffff) in the 2-level layout",
                  set_priority(EVTCHN_PORT_HUGE, 3), -HVABI_EINVAL);
    expect_result(t, "EVTCHNOP_set_priority(port 4096) in the 2-level layout",
                  set_priority(HVABI_EVTCHN_2L_NR_PORTS, 3), -HVABI_EINVAL);
    evtchn_close_range(1, 63);
}

/* init_control that fails leaves the domain in the 2-level layout. */
static void init_control_errors(struct test_context *t)
{
    volatile struct hvabi_shared_info *shared = shared_info_page(t);
    uint64_t good = frame_of(control_page);
    uint64_t unbacked = unbacked_guest_address(t->platform) / PAGE_SIZE;
    uint64_t window = t->platform->grant_window_base / PAGE_SIZE;
    uint32_t vcpus = evtchn_vcpu_count(t);
    static const uint32_t bad_offsets[] = { 4, 4028, 4032, 4096, 0xfffffff8U };
    uint32_t port;

    if (!offered(t) || shared == NULL) {
        return;
    }
    if (fifo.active) {
        expect(t, false, "test order: the domain uses the FIFO layout before this test");
        return;
    }
    memset(control_page, 0, sizeof(control_page));
    expect_result(t, "EVTCHNOP_init_control(no such vCPU)", init_control(good, 0, vcpus, NULL),
                  -HVABI_ENOENT);
    expect_result(t, "EVTCHNOP_init_control(no such vCPU, offset 4)",
                  init_control(good, 4, vcpus, NULL), -HVABI_ENOENT);
    for (unsigned int i = 0; i < sizeof(bad_offsets) / sizeof(bad_offsets[0]); i++) {
        int64_t rc = init_control(good, bad_offsets[i], 0, NULL);

        expect(t, rc == -HVABI_EINVAL, "EVTCHNOP_init_control(offset %u): expected -EINVAL, got "
               "%lld", (unsigned)bad_offsets[i], (long long)rc);
    }
    if (unbacked != 0) {
        expect_result(t, "EVTCHNOP_init_control(a frame with no memory)",
                      init_control(unbacked, 0, 0, NULL), -HVABI_EINVAL);
    }
    if (window != 0) {
        expect_result(t, "EVTCHNOP_init_control(an empty frame of the grant window)",
                      init_control(window, 0, 0, NULL), -HVABI_EINVAL);
    }
    /* Still the 2-level layout: an event sets its bit in evtchn_pending. */
    port = evtchn_open_ipi(t, 0, "an IPI port");
    if (port != 0) {
        evtchn_send(port);
        expect(t, evtchn_bit(shared->evtchn_pending, port), "after the failed "
               "EVTCHNOP_init_control calls, an event did not go through the 2-level layout");
        evtchn_close(port);
    }
    expect(t, control_block()->ready == 0, "a failed EVTCHNOP_init_control wrote the control "
           "block");
}

/*
 * An event raised on a port before its event word exists is forgotten when
 * the port is closed before the page comes: the page arrives with nothing
 * pending, and the port opened again with the same number has no event.
 * The domain switches to the FIFO layout for this test only.
 */
static void closed_before_page(struct test_context *t)
{
    volatile struct hvabi_vcpu_info *vcpu = evtchn_vcpu_info(t, 0);
    uint32_t port, again;

    if (!offered(t) || vcpu == NULL) {
        return;
    }
    if (fifo.active) {
        expect(t, false, "test order: the domain uses the FIFO layout before this test");
        return;
    }
    memset(control_page, 0, sizeof(control_page));
    if (!expect_result(t, "EVTCHNOP_init_control(vCPU 0)",
                       init_control(frame_of(control_page), 0, 0, NULL), 0)) {
        return;
    }
    fifo.active = true;
    fifo.pages = 0;
    port = evtchn_open_ipi(t, 0, "a port with no event word yet");
    if (port != 0) {
        evtchn_send(port);
        /* No event word: unmask has nothing to do. */
        expect_result(t, "EVTCHNOP_unmask of a port without an event word", evtchn_unmask(port),
                      0);
        evtchn_expect_close(t, port);
        quiet_control(t);
        if (expect_result(t, "EVTCHNOP_expand_array of the first page", add_page(), 0)) {
            expect(t, *word(port) == 0 && control_block()->ready == 0 &&
                   vcpu->evtchn_upcall_pending == 0, "the event raised on port %u before it "
                   "had an event word, then closed, was delivered when the page came: word "
                   "0x%08x, ready 0x%x", (unsigned)port, (unsigned)*word(port),
                   (unsigned)control_block()->ready);
            again = evtchn_open_ipi(t, 0, "the same port again");
            expect(t, again == port && *word(port) == 0 && control_block()->ready == 0,
                   "port %u opened again: expected no event on it, got word 0x%08x, ready 0x%x",
                   (unsigned)again, (unsigned)*word(again), (unsigned)control_block()->ready);
        }
    }
    expect_result(t, "EVTCHNOP_reset(DOMID_SELF)", evtchn_reset(HVABI_DOMID_SELF), 0);
    fifo.active = false;
    evtchn_clear_upcall(vcpu);
}

/* The ports on queue q of vCPU 0, from head[q] along the LINK fields. */
static unsigned int walk_queue(uint32_t q, uint32_t *ports, unsigned int max)
{
    uint32_t port = control_block()->head[q];
    unsigned int count = 0;

    while (port != 0 && count < max && port / WORDS_PER_PAGE < fifo.pages) {
        uint32_t w = *word(port);

        ports[count++] = port;
        if ((w & LINKED) == 0) {
            break;
        }
        port = w & LINK;
    }
    return count;
}

static bool on_queue(const uint32_t *ports, unsigned int count, uint32_t port)
{
    for (unsigned int i = 0; i < count; i++) {
        if (ports[i] == port) {
            return true;
        }
    }
    return false;
}

/*
 * The switch: init_control succeeds and from then on events go through
 * the FIFO layout.  A port pending in the 2-level layout at the switch, and
 * one raised before the event array had a page, are raised once the page
 * comes, on queue 7 (the default priority).
 */
static void switch_to_fifo(struct test_context *t)
{
    volatile struct hvabi_shared_info *shared = shared_info_page(t);
    volatile struct hvabi_vcpu_info *vcpu = evtchn_vcpu_info(t, 0);
    struct hvabi_evtchn_init_control arg, before;
    uint32_t before_switch, before_page, queue[8];
    unsigned int count;

    if (!offered(t) || shared == NULL || vcpu == NULL) {
        return;
    }
    if (fifo.active) {
        expect(t, false, "test order: the domain uses the FIFO layout before this test");
        return;
    }
    before_switch = evtchn_open_ipi(t, 0, "a port pending at the switch");
    before_page = evtchn_open_ipi(t, 0, "a port raised before the first page");
    if (before_switch == 0 || before_page == 0) {
        evtchn_close_range(1, 63);
        return;
    }
    evtchn_send(before_switch);
    evtchn_clear_upcall(vcpu);
    for (unsigned int i = 0; i < 64; i++) {
        fifo.pending_at_switch[i] = shared->evtchn_pending[i];
        fifo.mask_at_switch[i] = shared->evtchn_mask[i];
    }
    fifo.selector_at_switch = vcpu->evtchn_pending_sel;
    memset(control_page, 0, sizeof(control_page));
    /* The reserved pad bytes hold a pattern: only link_bits is written. */
    memset(&arg, 0xa5, sizeof(arg));
    arg.control_gfn = frame_of(control_page);
    arg.offset = 0;
    arg.vcpu = 0;
    before = arg;
    if (!expect_result(t, "EVTCHNOP_init_control(vCPU 0)",
                       evtchn_op(HVABI_EVTCHNOP_INIT_CONTROL, (uint64_t)(uintptr_t)&arg), 0)) {
        evtchn_close_range(1, 63);
        return;
    }
    fifo.active = true;
    fifo.pages = 0;
    fifo.switched_with_snapshot = true;
    expect_result(t, "link_bits written by EVTCHNOP_init_control", arg.link_bits,
                  HVABI_EVTCHN_FIFO_LINK_BITS);
    arg.link_bits = before.link_bits;
    expect(t, memcmp(&arg, &before, sizeof(arg)) == 0, "EVTCHNOP_init_control changed a byte of "
           "its argument other than link_bits");

    /* Open ports keep their state across the switch. */
    evtchn_expect_state(t, before_switch, HVABI_EVTCHNSTAT_IPI, NULL);
    evtchn_expect_state(t, before_page, HVABI_EVTCHNSTAT_IPI, NULL);
    evtchn_send(before_page);
    expect(t, control_block()->ready == 0, "an event raised before the event array had a page "
           "changed ready to 0x%x", (unsigned)control_block()->ready);
    expect_result(t, "EVTCHNOP_expand_array of the first page", add_page(), 0);

    count = walk_queue(HVABI_EVTCHN_FIFO_PRIORITY_DEFAULT, queue, 8);
    expect(t, (control_block()->ready & (1U << HVABI_EVTCHN_FIFO_PRIORITY_DEFAULT)) != 0,
           "after the first page: expected bit 7 of ready set, got 0x%x",
           (unsigned)control_block()->ready);
    expect(t, on_queue(queue, count, before_switch), "port %u, pending in the 2-level layout at "
           "the switch, is not on queue 7 (head[7] = %u)", (unsigned)before_switch,
           (unsigned)control_block()->head[7]);
    expect(t, on_queue(queue, count, before_page), "port %u, raised before its event word "
           "existed, is not on queue 7 (head[7] = %u)", (unsigned)before_page,
           (unsigned)control_block()->head[7]);
    expect(t, (*word(before_switch) & (PENDING | LINKED)) == (PENDING | LINKED) &&
           (*word(before_page) & (PENDING | LINKED)) == (PENDING | LINKED),
           "expected PENDING and LINKED in the event words of ports %u and %u, got 0x%08x and "
           "0x%08x", (unsigned)before_switch, (unsigned)before_page,
           (unsigned)*word(before_switch), (unsigned)*word(before_page));
    expect_result(t, "the upcall flag after the events", vcpu->evtchn_upcall_pending, 1);
    /* The 2-level arrays are no longer touched. */
    for (unsigned int i = 0; i < 64; i++) {
        if (!expect(t, shared->evtchn_pending[i] == fifo.pending_at_switch[i] &&
                    shared->evtchn_mask[i] == fifo.mask_at_switch[i], "word %u of the 2-level "
                    "arrays changed after the switch", i)) {
            break;
        }
    }
    expect(t, vcpu->evtchn_pending_sel == fifo.selector_at_switch, "the selector changed after "
           "the switch: 0x%llx", (unsigned long long)vcpu->evtchn_pending_sel);
    take_from_queue(before_switch);
    take_from_queue(before_page);
    evtchn_close(before_switch);
    evtchn_close(before_page);
    quiet_control(t);
}

static void init_twice(struct test_context *t)
{
    uint8_t link_bits;

    if (!offered(t) || !ensure_fifo(t)) {
        return;
    }
    expect_result(t, "EVTCHNOP_init_control(vCPU 0) a second time",
                  init_control(frame_of(control_page), 64, 0, &link_bits), -HVABI_EINVAL);
}

/*
 * F3 to F9: PENDING and MASKED, LINKED, appending to a queue through the
 * LINK field of the port linked last, and the upcall on an empty queue;
 * EVTCHNOP_unmask links a pending port that was masked.
 */
static void raise_steps(struct test_context *t)
{
    volatile struct hvabi_evtchn_fifo_control_block *cb = control_block();
    volatile struct hvabi_vcpu_info *vcpu = evtchn_vcpu_info(t, 0);
    const uint32_t q = HVABI_EVTCHN_FIFO_PRIORITY_DEFAULT;
    uint32_t a, b, c, d;

    if (!offered(t) || vcpu == NULL || !ensure_fifo(t) || !event_irq_setup(t)) {
        return;
    }
    event_irq_drain(t);
    quiet_control(t);
    a = evtchn_open_ipi(t, 0, "port a");
    b = evtchn_open_ipi(t, 0, "port b");
    c = evtchn_open_ipi(t, 0, "port c");
    d = evtchn_open_ipi(t, 0, "port d");
    if (a == 0 || b == 0 || c == 0 || d == 0) {
        evtchn_close_range(1, 63);
        return;
    }
    /* Masked: PENDING only. */
    __atomic_fetch_or(word(a), MASKED, __ATOMIC_SEQ_CST);
    evtchn_send(a);
    expect(t, *word(a) == (PENDING | MASKED), "send on masked port %u: expected the word "
           "0x%08x, got 0x%08x", (unsigned)a, (unsigned)(PENDING | MASKED), (unsigned)*word(a));
    expect(t, cb->ready == 0 && vcpu->evtchn_upcall_pending == 0, "send on a masked port "
           "changed ready (0x%x) or the upcall flag (%u)", (unsigned)cb->ready,
           (unsigned)vcpu->evtchn_upcall_pending);
    /* Unmask: MASKED cleared, the pending port linked to an empty queue. */
    expect_result(t, "EVTCHNOP_unmask of a masked, pending port", evtchn_unmask(a), 0);
    expect(t, (*word(a) & (MASKED | PENDING | LINKED)) == (PENDING | LINKED), "after "
           "EVTCHNOP_unmask(%u): expected PENDING and LINKED without MASKED, got 0x%08x",
           (unsigned)a, (unsigned)*word(a));
    expect(t, cb->head[q] == a && (cb->ready & (1U << q)) != 0 &&
           vcpu->evtchn_upcall_pending == 1, "after EVTCHNOP_unmask(%u): expected head[7] = %u, "
           "ready bit 7, upcall flag 1; got head %u, ready 0x%x, flag %u", (unsigned)a,
           (unsigned)a, (unsigned)cb->head[q], (unsigned)cb->ready,
           (unsigned)vcpu->evtchn_upcall_pending);
    expect_result(t, "event interrupts for the first event on an empty queue",
                  event_irq_window(100, true), 1);
    /* b follows a on the same queue; a second send on linked b changes
     * nothing. */
    quiet_control(t);
    evtchn_send(b);
    expect(t, (*word(a) & LINK) == b && (*word(b) & (PENDING | LINKED)) == (PENDING | LINKED),
           "send on port %u: expected it linked after port %u (LINK of %u = %u), got word of %u "
           "0x%08x, word of %u 0x%08x", (unsigned)b, (unsigned)a, (unsigned)a, (unsigned)b,
           (unsigned)a, (unsigned)*word(a), (unsigned)b, (unsigned)*word(b));
    expect(t, cb->ready == 0 && vcpu->evtchn_upcall_pending == 0, "appending to a queue set "
           "ready (0x%x) or the upcall flag (%u)", (unsigned)cb->ready,
           (unsigned)vcpu->evtchn_upcall_pending);
    __atomic_fetch_and(word(b), ~PENDING, __ATOMIC_SEQ_CST);
    evtchn_send(b);
    expect(t, (*word(b) & LINK) == 0 && (*word(a) & LINK) == b, "a second send on linked port "
           "%u changed a LINK field", (unsigned)b);
    expect_result(t, "event interrupts for events appended to a queue",
                  event_irq_window(5, false), 0);
    /* The guest takes a off the queue; c is linked after b, the last. */
    take_from_queue(a);
    evtchn_send(c);
    expect(t, (*word(b) & LINK) == c, "send on port %u: expected LINK of port %u (linked last) = "
           "%u, got %u", (unsigned)c, (unsigned)b, (unsigned)c, (unsigned)(*word(b) & LINK));
    /* Everything taken: the queue is empty; d goes to head[7] again. */
    take_from_queue(b);
    take_from_queue(c);
    quiet_control(t);
    evtchn_send(d);
    expect(t, cb->head[q] == d && (cb->ready & (1U << q)) != 0 &&
           vcpu->evtchn_upcall_pending == 1, "send on port %u with the queue empty: expected "
           "head[7] = %u, ready bit 7, upcall flag 1; got %u, 0x%x, %u", (unsigned)d,
           (unsigned)d, (unsigned)cb->head[q], (unsigned)cb->ready,
           (unsigned)vcpu->evtchn_upcall_pending);
    expect_result(t, "event interrupts for it", event_irq_window(100, true), 1);
    take_from_queue(d);
    evtchn_close_range(1, 63);
    quiet_control(t);
}

/*
 * In the FIFO layout a closed port whose event word is still linked is
 * not opened again until the guest has taken it off its queue.
 */
static void alloc_skips_linked(struct test_context *t)
{
    uint32_t port, next, again;

    if (!offered(t) || !ensure_fifo(t)) {
        return;
    }
    quiet_control(t);
    port = evtchn_open_ipi(t, 0, "an IPI port");
    if (port == 0) {
        return;
    }
    evtchn_send(port);
    evtchn_expect_close(t, port);
    expect(t, (*word(port) & LINKED) != 0, "closing port %u cleared LINKED, which the guest "
           "clears", (unsigned)port);
    next = evtchn_open_ipi(t, 0, "the next port");
    expect(t, next != port && next != 0, "port %u, closed but still linked, was opened again",
           (unsigned)port);
    take_from_queue(port);
    again = evtchn_open_ipi(t, 0, "a port after the unlink");
    expect(t, again == port, "port %u, closed and unlinked: expected it opened again, got %u",
           (unsigned)port, (unsigned)again);
    evtchn_close_range(1, 63);
    quiet_control(t);
}

static void set_priority_checks(struct test_context *t)
{
    volatile struct hvabi_evtchn_fifo_control_block *cb = control_block();
    uint32_t port, closed;

    if (!offered(t) || !ensure_fifo(t)) {
        return;
    }
    quiet_control(t);
    port = evtchn_open_ipi(t, 0, "an IPI port");
    if (port == 0) {
        return;
    }
    closed = port + 1;
    expect_result(t, "EVTCHNOP_set_priority(port 0xffffffff)", set_priority(EVTCHN_PORT_HUGE, 3),
                  -HVABI_EINVAL);
    expect_result(t, "EVTCHNOP_set_priority(port 131072)",
                  set_priority(HVABI_EVTCHN_FIFO_NR_PORTS, 3), -HVABI_EINVAL);
    expect_result(t, "EVTCHNOP_set_priority(a closed port)", set_priority(closed, 3),
                  -HVABI_EACCES);
    expect_result(t, "EVTCHNOP_set_priority(port 0)", set_priority(0, 3), -HVABI_EACCES);
    /* The port's state is checked before the priority. */
    expect_result(t, "EVTCHNOP_set_priority(a closed port, priority 16)",
                  set_priority(closed, 16), -HVABI_EACCES);
    expect_result(t, "EVTCHNOP_set_priority(priority 16)", set_priority(port, 16),
                  -HVABI_EINVAL);
    expect_result(t, "EVTCHNOP_set_priority(priority 0xffffffff)",
                  set_priority(port, 0xffffffffU), -HVABI_EINVAL);

    /* Linked on queue 7, it stays there when its priority changes. */
    evtchn_send(port);
    expect_result(t, "EVTCHNOP_set_priority(priority 3)", set_priority(port, 3), 0);
    expect(t, cb->head[7] == port && cb->head[3] != port && (cb->ready & (1U << 3)) == 0,
           "a linked port moved queue when its priority changed: head[7] %u, head[3] %u, ready "
           "0x%x", (unsigned)cb->head[7], (unsigned)cb->head[3], (unsigned)cb->ready);
    take_from_queue(port);
    quiet_control(t);
    evtchn_send(port);
    expect(t, cb->head[3] == port && (cb->ready & (1U << 3)) != 0 &&
           (cb->ready & (1U << 7)) == 0, "after EVTCHNOP_set_priority(3): expected the port on "
           "queue 3, got head[3] %u, ready 0x%x", (unsigned)cb->head[3], (unsigned)cb->ready);
    take_from_queue(port);
    expect_result(t, "EVTCHNOP_set_priority(priority 0)",
                  set_priority(port, HVABI_EVTCHN_FIFO_PRIORITY_MAX), 0);
    expect_result(t, "EVTCHNOP_set_priority(priority 15)",
                  set_priority(port, HVABI_EVTCHN_FIFO_PRIORITY_MIN), 0);
    quiet_control(t);
    evtchn_send(port);
    expect(t, cb->head[15] == port && (cb->ready & (1U << 15)) != 0, "after "
           "EVTCHNOP_set_priority(15): expected the port on queue 15, got head[15] %u, ready "
           "0x%x", (unsigned)cb->head[15], (unsigned)cb->ready);
    take_from_queue(port);
    evtchn_close(port);
    quiet_control(t);
}

static void expand_errors(struct test_context *t)
{
    uint64_t unbacked = unbacked_guest_address(t->platform) / PAGE_SIZE;
    uint64_t window = t->platform->grant_window_base / PAGE_SIZE;
    int64_t rc = 0;

    if (!offered(t) || !ensure_fifo(t)) {
        return;
    }
    if (unbacked != 0) {
        expect_result(t, "EVTCHNOP_expand_array(a frame with no memory)", expand_array(unbacked),
                      -HVABI_EINVAL);
    }
    if (window != 0) {
        expect_result(t, "EVTCHNOP_expand_array(an empty frame of the grant window)",
                      expand_array(window), -HVABI_EINVAL);
    }
    while (fifo.pages < ARRAY_PAGES) {
        rc = add_page();
        if (rc != 0) {
            break;
        }
    }
    test_note(t, "%u event array pages added", (unsigned)fifo.pages);
    expect(t, rc == 0 && fifo.pages == ARRAY_PAGES, "EVTCHNOP_expand_array of page %u: "
           "expected 0, got %lld", (unsigned)fifo.pages, (long long)rc);
    if (fifo.pages == ARRAY_PAGES) {
        memset(spare_page, 0, sizeof(spare_page));
        expect_result(t, "EVTCHNOP_expand_array of a 129th page",
                      expand_array(frame_of(spare_page)), -HVABI_ENOSPC);
        if (unbacked != 0) {
            expect_result(t, "EVTCHNOP_expand_array(a frame with no memory) with 128 pages",
                          expand_array(unbacked), -HVABI_ENOSPC);
        }
    }
}

/*
 * reset closes every port and returns to the 2-level layout: the arrays as
 * they were at the switch, the control block no longer written, and a new
 * init_control accepted.
 */
static void reset_to_2l(struct test_context *t)
{
    volatile struct hvabi_shared_info *shared = shared_info_page(t);
    volatile struct hvabi_vcpu_info *vcpu = evtchn_vcpu_info(t, 0);
    uint8_t control_before[sizeof(struct hvabi_evtchn_fifo_control_block)];
    uint32_t port;

    if (!offered(t) || shared == NULL || vcpu == NULL || !ensure_fifo(t)) {
        return;
    }
    port = evtchn_open_ipi(t, 0, "an IPI port");
    if (port != 0) {
        evtchn_send(port);
    }
    expect_result(t, "EVTCHNOP_reset(DOMID_SELF)", evtchn_reset(HVABI_DOMID_SELF), 0);
    fifo.active = false;
    expect(t, evtchn_open_ports_low() == 0, "after EVTCHNOP_reset: ports still open: 0x%llx",
           (unsigned long long)evtchn_open_ports_low());
    if (fifo.switched_with_snapshot) {
        for (unsigned int i = 0; i < 64; i++) {
            if (!expect(t, shared->evtchn_pending[i] == fifo.pending_at_switch[i] &&
                        shared->evtchn_mask[i] == fifo.mask_at_switch[i], "word %u of the "
                        "2-level arrays differs from its value at the switch", i)) {
                break;
            }
        }
        expect(t, vcpu->evtchn_pending_sel == fifo.selector_at_switch, "the selector 0x%llx "
               "differs from its value at the switch, 0x%llx",
               (unsigned long long)vcpu->evtchn_pending_sel,
               (unsigned long long)fifo.selector_at_switch);
    }
    /* The guest clears the 2-level arrays (hvabi~evtchn-reset-fifo-guest~1). */
    for (unsigned int i = 0; i < 64; i++) {
        shared->evtchn_pending[i] = 0;
    }
    evtchn_clear_upcall(vcpu);
    memcpy(control_before, control_page, sizeof(control_before));
    memcpy(page_copy, event_array[0], sizeof(page_copy));
    port = evtchn_open_ipi(t, 0, "an IPI port after the reset");
    if (port != 0) {
        evtchn_send(port);
        expect(t, evtchn_bit(shared->evtchn_pending, port) &&
               ((vcpu->evtchn_pending_sel >> (port / 64)) & 1), "after EVTCHNOP_reset: the "
               "event on port %u did not go through the 2-level layout", (unsigned)port);
        expect(t, memcmp(control_before, control_page, sizeof(control_before)) == 0 &&
               memcmp(page_copy, event_array[0], sizeof(page_copy)) == 0, "after "
               "EVTCHNOP_reset: the hypervisor wrote the control block or the event array");
        evtchn_close(port);
    }
    /* The control block is forgotten: it can be registered again. */
    memset(control_page, 0, sizeof(control_page));
    if (expect_result(t, "EVTCHNOP_init_control(vCPU 0) after the reset",
                      init_control(frame_of(control_page), 0, 0, NULL), 0)) {
        expect_result(t, "EVTCHNOP_reset(DOMID_SELF) again", evtchn_reset(HVABI_DOMID_SELF), 0);
    }
    evtchn_clear_upcall(vcpu);
    for (unsigned int i = 0; i < 64; i++) {
        shared->evtchn_pending[i] = 0;
    }
}

/*
 * init_control with an argument EL1 may not write: -EFAULT.  The command
 * may have taken effect (the specification allows it), so the domain
 * resets to the 2-level layout afterwards.
 */
static void init_control_unwritable(struct test_context *t)
{
    struct hvabi_evtchn_init_control arg;
    uint64_t page;
    int64_t rc;

    if (!offered(t)) {
        return;
    }
    if (fifo.active) {
        evtchn_reset(HVABI_DOMID_SELF);
        fifo.active = false;
    }
    memset(control_page, 0, sizeof(control_page));
    memset(&arg, 0, sizeof(arg));
    arg.control_gfn = frame_of(control_page);
    page = readonly_page_map(t, &arg, sizeof(arg));
    if (page == 0) {
        return;
    }
    rc = evtchn_op(HVABI_EVTCHNOP_INIT_CONTROL, page);
    readonly_page_unmap(page);
    expect_result(t, "EVTCHNOP_init_control with a read-only argument", rc, -HVABI_EFAULT);
    expect_result(t, "EVTCHNOP_reset(DOMID_SELF) afterwards", evtchn_reset(HVABI_DOMID_SELF), 0);
}

const struct conformance_test event_channel_fifo_tests[] = {
    {
        .name = "evtchn_fifo_commands_in_2l",
        .verifies = "hvabi~evtchn-fifo-expand-2l~1 hvabi~evtchn-fifo-set-priority-2l~1 "
                    "hvabi~evtchn-fifo-set-priority-range~1",
        .run = commands_in_2l,
    },
    {
        .name = "evtchn_fifo_init_control_errors",
        .verifies = "hvabi~evtchn-fifo-init-vcpu~1 hvabi~evtchn-fifo-init-offset~1 "
                    "hvabi~evtchn-fifo-init-gfn~1 hvabi~evtchn-fifo-init-fail~1",
        .run = init_control_errors,
    },
    {
        .name = "evtchn_fifo_closed_before_page",
        .verifies = "hvabi~evtchn-fifo-expand-pending~1 hvabi~evtchn-unmask-fifo~1",
        .run = closed_before_page,
    },
    {
        .name = "evtchn_fifo_switch",
        .verifies = "hvabi~evtchn-fifo-init~1 hvabi~evtchn-fifo-switch~1 "
                    "hvabi~evtchn-result-fields~1 "
                    "hvabi~evtchn-fifo-switch-ports~1 hvabi~evtchn-fifo-expand~1 "
                    "hvabi~evtchn-fifo-expand-pending~1 hvabi~evtchn-open-priority~1",
        .run = switch_to_fifo,
    },
    {
        .name = "evtchn_fifo_init_twice",
        .verifies = "hvabi~evtchn-fifo-init-twice~1",
        .run = init_twice,
    },
    {
        .name = "evtchn_fifo_raise_steps",
        .verifies = "hvabi~evtchn-fifo-raise-pending~1 hvabi~evtchn-fifo-raise-linked~1 "
                    "hvabi~evtchn-fifo-raise-link~1 hvabi~evtchn-fifo-raise-upcall~1 "
                    "hvabi~evtchn-unmask-fifo~1",
        .run = raise_steps,
    },
    {
        .name = "evtchn_fifo_alloc_skips_linked",
        .verifies = "hvabi~evtchn-alloc-lowest~1",
        .run = alloc_skips_linked,
    },
    {
        .name = "evtchn_fifo_set_priority",
        .verifies = "hvabi~evtchn-fifo-set-priority~1 hvabi~evtchn-fifo-set-priority-range~1 "
                    "hvabi~evtchn-fifo-set-priority-closed~1 "
                    "hvabi~evtchn-fifo-set-priority-value~1",
        .run = set_priority_checks,
    },
    {
        .name = "evtchn_fifo_expand_errors",
        .verifies = "hvabi~evtchn-fifo-expand-gfn~1 hvabi~evtchn-fifo-expand-full~1",
        .run = expand_errors,
    },
    {
        .name = "evtchn_fifo_reset_to_2l",
        .verifies = "hvabi~evtchn-reset-fifo~1 hvabi~evtchn-reset-fifo-2l-state~1",
        .run = reset_to_2l,
    },
    {
        .name = "evtchn_fifo_init_control_unwritable",
        .verifies = "hvabi~evtchn-fault-write~1",
        .run = init_control_unwritable,
    },
    { .name = NULL },
};
