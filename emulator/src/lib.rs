//! A local stand-in for the CSS snapshot API, so the form can be tried and tested with no cloud
//! account.
//!
//! Every rule, field name, limit and error code comes from `css_snapshot_form`: the emulator
//! refuses exactly what the page refuses, and replies with the spec's tables in the spec's order.

#![warn(missing_docs)]

pub mod api;
pub mod backup;
pub mod cli;
pub mod ids;
pub mod reasons;
pub mod static_files;
pub mod store;

use std::future::Future;
use std::path::PathBuf;
use std::sync::Arc;

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
}

impl Default for Config {
    fn default() -> Self {
        Config {
            token: None,
            clusters: vec![Cluster::example()],
            serve_dir: None,
        }
    }
}

/// Serves the emulator on `listener` until `shutdown` completes, then lets open requests finish.
pub async fn serve(
    listener: tokio::net::TcpListener,
    config: Config,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let app = api::router(Arc::new(api::Emulator::new(config)));
    axum::serve(listener, app)
        .with_graceful_shutdown(shutdown)
        .await
}
