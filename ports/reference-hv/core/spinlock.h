/*
 * spinlock.h - a test-and-set lock for short critical sections.
 *
 * Used where two physical CPUs can meet: the system console and domain
 * state.  Interrupts are never taken at EL2 while a lock is held, so a
 * plain spinning lock is enough.
 */
#ifndef REFHV_CORE_SPINLOCK_H
#define REFHV_CORE_SPINLOCK_H

#include <stdbool.h>

struct spinlock {
    bool locked;
};

static inline void spin_lock(struct spinlock *lock)
{
    while (__atomic_test_and_set(&lock->locked, __ATOMIC_ACQUIRE)) {
    }
}

static inline void spin_unlock(struct spinlock *lock)
{
    __atomic_clear(&lock->locked, __ATOMIC_RELEASE);
}

#endif /* REFHV_CORE_SPINLOCK_H */
