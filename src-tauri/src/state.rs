//! The shell's state: the one store connection, or why there is none.

use crate::error::IpcError;
use introspor_core::Store;
use std::sync::{Arc, Mutex, PoisonError};

/// Held in Tauri's state for the life of the window.
pub struct AppState {
    store: Result<Arc<Mutex<Store>>, IpcError>,
}

impl AppState {
    /// State with an open store.
    pub fn ready(store: Store) -> Self {
        Self {
            store: Ok(Arc::new(Mutex::new(store))),
        }
    }

    /// State after the store failed to open; every command answers with
    /// this error so the window can explain it instead of going blank.
    pub fn failed(error: IpcError) -> Self {
        Self { store: Err(error) }
    }

    /// The startup error, if the store could not be opened.
    pub fn startup_error(&self) -> Option<IpcError> {
        self.store.as_ref().err().cloned()
    }

    /// Runs `job` with the store on a blocking thread, never on the thread
    /// that drives the window.
    ///
    /// A panic inside `job` becomes an `internal` error for the window; the
    /// transaction it was in is rolled back when it unwinds, so a poisoned
    /// lock still guards a consistent database and is taken over.
    pub async fn with_store<T, F>(&self, job: F) -> Result<T, IpcError>
    where
        T: Send + 'static,
        F: FnOnce(&mut Store) -> Result<T, IpcError> + Send + 'static,
    {
        let store = Arc::clone(self.store.as_ref().map_err(Clone::clone)?);
        tauri::async_runtime::spawn_blocking(move || {
            let mut guard = store.lock().unwrap_or_else(PoisonError::into_inner);
            job(&mut guard)
        })
        .await
        .map_err(|error| {
            tracing::error!("command thread failed: {error}");
            IpcError::internal()
        })?
    }
}
