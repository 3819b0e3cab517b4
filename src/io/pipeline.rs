//! Running jobs on worker threads and handing their results on in the order of the jobs: the
//! machinery under a batch run and a shift.

use std::collections::BTreeMap;
use std::io;
use std::sync::atomic::Ordering;
use std::sync::{Condvar, Mutex, mpsc};

use super::output::io_error;
use crate::Error;

/// Runs `work` over jobs from `source` on `threads` threads and hands the results to `sink`
/// in the order of the jobs. At most a few jobs per thread are in flight, so memory stays
/// flat. With one thread everything runs on the calling thread.
pub(crate) fn ordered<J: Send, D: Send, S>(
    threads: usize,
    source: &mut dyn FnMut() -> Result<Option<J>, Error>,
    state: &(dyn Fn() -> S + Sync),
    work: &(dyn Fn(&mut S, J) -> D + Sync),
    sink: &mut (dyn FnMut(D) -> Result<(), Error> + Send),
) -> Result<(), Error> {
    if threads <= 1 {
        let mut state = state();
        while let Some(job) = source()? {
            sink(work(&mut state, job))?;
        }
        return Ok(());
    }
    let in_flight = (threads * 2 + 2) as u64;
    let (job_tx, job_rx) = mpsc::sync_channel::<(u64, J)>(threads * 2);
    let job_rx = Mutex::new(job_rx);
    let (done_tx, done_rx) = mpsc::sync_channel::<(u64, D)>(threads * 2);
    // How many results the sink has taken: the source waits when it is too far ahead.
    let written = (Mutex::new(0u64), Condvar::new());
    let stopped = std::sync::atomic::AtomicBool::new(false);
    std::thread::scope(|scope| {
        let mut workers = 0;
        let mut spawn_error = None;
        for _ in 0..threads {
            let done_tx = done_tx.clone();
            let job_rx = &job_rx;
            let spawned = std::thread::Builder::new().spawn_scoped(scope, move || {
                let mut state = state();
                loop {
                    let job = match job_rx.lock() {
                        Ok(rx) => rx.recv(),
                        Err(_) => return,
                    };
                    let Ok((seq, job)) = job else { return };
                    if done_tx.send((seq, work(&mut state, job))).is_err() {
                        return;
                    }
                }
            });
            match spawned {
                Ok(_) => workers += 1,
                // The system has no more threads to give: the ones started do the work.
                Err(e) => {
                    spawn_error = Some(e);
                    break;
                }
            }
        }
        drop(done_tx);
        if workers == 0 {
            let e = spawn_error.unwrap_or_else(|| io::Error::other("no thread"));
            return Err(io_error("starting a worker thread".to_owned(), &e));
        }
        let (written_ref, stopped_ref) = (&written, &stopped);
        let sink_thread = std::thread::Builder::new().spawn_scoped(scope, move || {
            let mut waiting = BTreeMap::new();
            let mut next = 0u64;
            let result = (|| {
                for (seq, done) in done_rx.iter() {
                    waiting.insert(seq, done);
                    while let Some(done) = waiting.remove(&next) {
                        sink(done)?;
                        next += 1;
                        if let Ok(mut count) = written_ref.0.lock() {
                            *count = next;
                        }
                        written_ref.1.notify_all();
                    }
                }
                if !waiting.is_empty() {
                    return Err(Error::data(format!(
                        "internal error: block {next} of the input was never processed"
                    )));
                }
                Ok(())
            })();
            if result.is_err() {
                stopped_ref.store(true, Ordering::Relaxed);
                written_ref.1.notify_all();
            }
            result
        });
        let sink_thread = match sink_thread {
            Ok(thread) => thread,
            Err(e) => {
                drop(job_tx);
                return Err(io_error("starting the writer thread".to_owned(), &e));
            }
        };
        let read_result = (|| {
            let mut seq = 0u64;
            while let Some(job) = source()? {
                // Wait until the sink is close enough behind.
                let mut count = written.0.lock().map_err(|_| stopped_error())?;
                while seq >= *count + in_flight && !stopped.load(Ordering::Relaxed) {
                    count = written.1.wait(count).map_err(|_| stopped_error())?;
                }
                drop(count);
                if stopped.load(Ordering::Relaxed) || job_tx.send((seq, job)).is_err() {
                    break;
                }
                seq += 1;
            }
            Ok::<(), Error>(())
        })();
        drop(job_tx);
        let write_result = sink_thread
            .join()
            .unwrap_or_else(|_| Err(Error::data("internal error: the writer stopped")));
        write_result.and(read_result)
    })
}

fn stopped_error() -> Error {
    Error::data("internal error: a worker stopped")
}
