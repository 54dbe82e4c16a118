//! Admission control: at most `slots` extractions run at once (one per core by default, since
//! extraction is CPU-bound and more would only share the cores), at most `queue` requests wait
//! for a slot, and any request beyond that is turned away at once with a 503 rather than left to
//! pile up and time out.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use tokio::sync::{OwnedSemaphorePermit, Semaphore};

/// Extraction slots and a bounded queue in front of them.
#[derive(Debug)]
pub struct Limiter {
    slots: Arc<Semaphore>,
    waiting: AtomicUsize,
    queue: usize,
}

/// The limiter is full: every slot is busy and `queue` requests already wait.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Saturated;

/// Leaves the queue when dropped, also when the waiting request is cancelled (its client went
/// away, or its time ran out), so a place is never lost.
struct QueuePlace<'a>(&'a AtomicUsize);

impl Drop for QueuePlace<'_> {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::AcqRel);
    }
}

impl Limiter {
    /// `slots` concurrent extractions (at least one) and `queue` waiting requests.
    pub fn new(slots: usize, queue: usize) -> Limiter {
        Limiter {
            slots: Arc::new(Semaphore::new(slots.max(1))),
            waiting: AtomicUsize::new(0),
            queue,
        }
    }

    /// A slot, waiting in the queue if need be; [`Saturated`] when the queue is full. The slot
    /// is held until the permit is dropped, which the caller does when the extraction is over
    /// (not when the request is: a timed-out extraction still occupies its core).
    pub async fn acquire(&self) -> Result<OwnedSemaphorePermit, Saturated> {
        if let Ok(permit) = self.slots.clone().try_acquire_owned() {
            return Ok(permit);
        }
        if self.waiting.fetch_add(1, Ordering::AcqRel) >= self.queue {
            self.waiting.fetch_sub(1, Ordering::AcqRel);
            return Err(Saturated);
        }
        let _place = QueuePlace(&self.waiting);
        // The semaphore is never closed, so acquiring fails only if it were.
        self.slots.clone().acquire_owned().await.map_err(|_| Saturated)
    }

    /// A slot, waiting however long the queue is: for the lines of a batch already admitted,
    /// which hold at most a few places each and must not fail half-way through.
    pub async fn acquire_admitted(&self) -> Result<OwnedSemaphorePermit, Saturated> {
        self.slots.clone().acquire_owned().await.map_err(|_| Saturated)
    }

    /// True when a new request would be turned away now.
    pub fn is_saturated(&self) -> bool {
        self.slots.available_permits() == 0 && self.waiting.load(Ordering::Acquire) >= self.queue
    }

    /// Requests waiting for a slot now.
    pub fn waiting(&self) -> usize {
        self.waiting.load(Ordering::Acquire)
    }

    /// Slots free now.
    pub fn free_slots(&self) -> usize {
        self.slots.available_permits()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_full_queue_turns_requests_away_and_a_freed_slot_lets_one_in() {
        let limiter = Arc::new(Limiter::new(1, 1));
        let first = limiter.acquire().await.unwrap();
        let waiter = {
            let limiter = limiter.clone();
            tokio::spawn(async move { limiter.acquire().await.map(drop) })
        };
        while limiter.waiting() == 0 {
            tokio::task::yield_now().await;
        }
        assert!(limiter.is_saturated());
        assert_eq!(limiter.acquire().await.unwrap_err(), Saturated);
        drop(first);
        assert_eq!(waiter.await.unwrap(), Ok(()));
        assert_eq!((limiter.waiting(), limiter.free_slots()), (0, 1));
    }

    #[tokio::test]
    async fn a_cancelled_waiter_gives_its_place_back() {
        let limiter = Limiter::new(1, 1);
        let _busy = limiter.acquire().await.unwrap();
        let wait = tokio::time::timeout(std::time::Duration::from_millis(10), limiter.acquire()).await;
        assert!(wait.is_err(), "it waits while the slot is busy");
        assert_eq!(limiter.waiting(), 0);
    }
}
