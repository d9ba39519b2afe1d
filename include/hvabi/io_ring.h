/*
 * hvabi/io_ring.h - the request/response ring that split drivers share.
 *
 * Specification: spec/chapters/io_ring.rst.
 * The ring area is a whole number of 4096-byte pages: a 64-byte header,
 * then a power-of-two number of slots.  Each slot holds a request or a
 * response of the driver protocol's types.  Indexes are free-running
 * 32-bit counters; the slot of index i is i & (slots - 1).
 */
#ifndef HVABI_IO_RING_H
#define HVABI_IO_RING_H

#include <stdint.h>

#include <hvabi/types.h>

/* A free-running ring index. */
typedef uint32_t hvabi_ring_idx_t;

#define HVABI_RING_HEADER_SIZE 64 /* bytes before slot 0 */
#define HVABI_RING_EVENT_INIT  1  /* req_event and rsp_event of a new ring */

/* The first 64 bytes of the ring area. */
struct hvabi_ring_header {
    hvabi_ring_idx_t req_prod;  /* written by the frontend */
    hvabi_ring_idx_t req_event; /* written by the backend */
    hvabi_ring_idx_t rsp_prod;  /* written by the backend */
    hvabi_ring_idx_t rsp_event; /* written by the frontend */
    uint8_t pvt[4];             /* for the driver protocol; 0 if it has no use */
    uint8_t pad[44];            /* zeroed by the frontend, then left alone */
};

/* The number of slots of slot_size bytes in a ring area of pages pages:
 * the largest power of two, at most 2^31, that fits after the header; 0 if
 * not one slot fits or slot_size is 0. */
static inline uint32_t hvabi_ring_slot_count(uint32_t pages, uint32_t slot_size)
{
    uint64_t bytes = (uint64_t)pages * HVABI_PAGE_SIZE;
    uint64_t fit;
    uint32_t count = 1;

    if (slot_size == 0 || bytes < HVABI_RING_HEADER_SIZE)
        return 0;
    fit = (bytes - HVABI_RING_HEADER_SIZE) / slot_size;
    if (fit == 0)
        return 0;
    while (count < UINT32_C(0x80000000) && (uint64_t)count * 2 <= fit)
        count *= 2;
    return count;
}

/* 1 if a producer that moved its index from old_prod to new_prod must notify
 * a consumer that asked for an event at index event, else 0. */
static inline uint32_t hvabi_ring_need_notify(hvabi_ring_idx_t old_prod,
                                              hvabi_ring_idx_t new_prod,
                                              hvabi_ring_idx_t event)
{
    return (hvabi_ring_idx_t)(new_prod - event) <
                   (hvabi_ring_idx_t)(new_prod - old_prod)
               ? 1u
               : 0u;
}

#endif /* HVABI_IO_RING_H */
