/*
 * hvabi/console_ring.h - the PV console page: two byte rings shared by a
 * domain and the backend that serves its console.
 *
 * Specification: spec/chapters/console_ring.rst.
 * The page is found through HVABI_HVM_PARAM_CONSOLE_PFN and the backend is
 * notified through the port in HVABI_HVM_PARAM_CONSOLE_EVTCHN (hvm_op.h).
 */
#ifndef HVABI_CONSOLE_RING_H
#define HVABI_CONSOLE_RING_H

#include <stdint.h>

/* A free-running ring index; the array position is index & (size - 1). */
typedef uint32_t hvabi_console_ring_idx_t;

#define HVABI_CONSOLE_IN_SIZE  1024 /* bytes of the input ring */
#define HVABI_CONSOLE_OUT_SIZE 2048 /* bytes of the output ring */

/* The start of the console page.  The guest writes out, out_prod and
 * in_cons; the backend writes in, in_prod and out_cons. */
struct hvabi_console_interface {
    uint8_t in[1024];                  /* input: backend to guest */
    uint8_t out[2048];                 /* output: guest to backend */
    hvabi_console_ring_idx_t in_cons;  /* written by the guest */
    hvabi_console_ring_idx_t in_prod;  /* written by the backend */
    hvabi_console_ring_idx_t out_cons; /* written by the backend */
    hvabi_console_ring_idx_t out_prod; /* written by the guest */
};

#endif /* HVABI_CONSOLE_RING_H */
