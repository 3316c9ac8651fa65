//! A local stand-in for the CSS snapshot API, so the form can be tried and tested with no cloud
//! account.
//!
//! Every rule, field name, limit and error code comes from `css_snapshot_form`: the emulator
//! refuses exactly what the page refuses, and replies with the spec's tables in the spec's order.
//! Each snapshot moves from `BUILDING` to an ending over a configurable time, worked out from the
//! clock on every read (see [`lifecycle`]).

#![warn(missing_docs)]

pub mod api;
pub mod backup;
pub mod cli;
pub mod conn;
pub mod faults;
pub mod ids;
pub mod lifecycle;
pub mod reasons;
pub mod snapshot;
pub mod state_file;
pub mod static_files;
pub mod store;

use std::future::Future;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use lifecycle::Endings;

/// How long a snapshot stays `BUILDING` unless `--build-seconds` says otherwise: long enough to
/// see on a page, short enough for a test to wait for.
pub const DEFAULT_BUILD_TIME: Duration = Duration::from_secs(4);

/// One cluster the emulator knows; requests for any other are refused like the service does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cluster {
    /// The `project_id` of the path.
    pub project_id: String,
    /// The `cluster_id` of the path.
    pub cluster_id: String,
    /// Sent back as `clusterName`.
    pub name: String,
}

impl Cluster {
    /// The spec's example project and cluster, as `es-demo`.
    pub fn example() -> Cluster {
        Cluster {
            project_id: css_snapshot_form::spec::EXAMPLE_PROJECT_ID.into(),
            cluster_id: css_snapshot_form::spec::EXAMPLE_CLUSTER_ID.into(),
            name: "es-demo".into(),
        }
    }
}

/// What the emulator is told at start.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Config {
    /// When set, API requests must carry this in `X-Auth-Token`.
    pub token: Option<String>,
    /// The clusters that exist; any other is refused with CSS.0015.
    pub clusters: Vec<Cluster>,
    /// Static files served at `/`, so the page and the API share one origin.
    pub serve_dir: Option<PathBuf>,
    /// How long each new snapshot stays `BUILDING`.
    pub build_time: Duration,
    /// How the endings of new snapshots are chosen.
    pub endings: Endings,
    /// Reply to a create with only `{"backup":{"id":…,"name":…}}`, as current service versions
    /// do, instead of the spec's full Table 4 object.
    pub minimal_reply: bool,
    /// Where to keep the snapshots across restarts, if anywhere.
    pub state_file: Option<PathBuf>,
    /// A fault every create request gets unless its `X-Emulator-Fault` header says otherwise
    /// (see [`faults`]).
    pub fault: Option<faults::Fault>,
    /// Handle faulted create requests before answering with the fault (the snapshot is made).
    pub fault_handled: bool,
    /// How long every create reply is held back unless its `X-Emulator-Latency-Ms` header says
    /// otherwise.
    pub latency: Duration,
    /// Keep connections open between requests. Off by default: every reply carries
    /// `Connection: close`, so a browser never resends a request on its own after a `drop`
    /// fault (see [`faults`]).
    pub keep_alive: bool,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            token: None,
            clusters: vec![Cluster::example()],
            serve_dir: None,
            build_time: DEFAULT_BUILD_TIME,
            endings: Endings::ByPrefix,
            minimal_reply: false,
            state_file: None,
            fault: None,
            fault_handled: false,
            latency: Duration::ZERO,
            keep_alive: false,
        }
    }
}

/// Serves `emulator` on `listener` until `shutdown` completes, then lets open requests finish.
/// Each connection carries a [`conn::ConnHandle`], so the `drop` and `cut` faults can break it.
pub async fn serve_emulator(
    listener: tokio::net::TcpListener,
    emulator: api::Emulator,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let app = api::router(Arc::new(emulator)).into_make_service_with_connect_info::<conn::ConnHandle>();
    axum::serve(conn::FaultListener(listener), app).with_graceful_shutdown(shutdown).await
}

/// Opens an emulator for `config` (reading its state file, if any) and serves it like
/// [`serve_emulator`].
pub async fn serve(
    listener: tokio::net::TcpListener,
    config: Config,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let emulator =
        api::Emulator::open(config).map_err(|e| std::io::Error::new(std::io::ErrorKind::InvalidData, e))?;
    serve_emulator(listener, emulator, shutdown).await
}
