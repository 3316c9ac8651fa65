//! `css-emulator`: parses the command line, binds, announces the address, serves until SIGTERM
//! or ctrl-c.

use std::io::Write;
use std::process::ExitCode;

use css_emulator::cli::{self, Command};

/// Resolves on SIGTERM (what test runners and containers send) or ctrl-c. The handlers are
/// installed here, before the "listening" line is printed, so a signal sent as soon as a script
/// sees that line is never met by the default action instead.
#[cfg(unix)]
fn shutdown_signal() -> std::io::Result<impl std::future::Future<Output = ()>> {
    use tokio::signal::unix::{signal, SignalKind};
    let mut term = signal(SignalKind::terminate())?;
    let mut interrupt = signal(SignalKind::interrupt())?;
    Ok(async move {
        tokio::select! {
            _ = term.recv() => {}
            _ = interrupt.recv() => {}
        }
        eprintln!("css-emulator: shutting down");
    })
}

/// Resolves on ctrl-c.
#[cfg(not(unix))]
fn shutdown_signal() -> std::io::Result<impl std::future::Future<Output = ()>> {
    Ok(async {
        let _ = tokio::signal::ctrl_c().await;
        eprintln!("css-emulator: shutting down");
    })
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> ExitCode {
    let (listen, config) = match cli::parse(std::env::args().skip(1)) {
        Ok(Command::Help) => {
            print!("{}", cli::USAGE);
            return ExitCode::SUCCESS;
        }
        Ok(Command::Run { listen, config }) => (listen, config),
        Err(message) => {
            eprintln!("css-emulator: {message}\n\n{}", cli::USAGE);
            return ExitCode::from(2);
        }
    };
    // The state file is read before binding, so a script never sees the "listening" line from
    // an emulator that is about to exit over a broken file.
    let emulator = match css_emulator::api::Emulator::open(config.clone()) {
        Ok(e) => e,
        Err(e) => {
            eprintln!("css-emulator: --state-file {e}");
            return ExitCode::FAILURE;
        }
    };
    // tokio sets SO_REUSEADDR before binding (on Unix), so a test that kills an emulator and
    // starts another on the same port is not refused while old connections sit in TIME_WAIT.
    let listener = match tokio::net::TcpListener::bind(&listen).await {
        Ok(l) => l,
        Err(e) => {
            eprintln!("css-emulator: cannot listen on {listen}: {e}");
            return ExitCode::FAILURE;
        }
    };
    let address = match listener.local_addr() {
        Ok(a) => a,
        Err(e) => {
            eprintln!("css-emulator: {e}");
            return ExitCode::FAILURE;
        }
    };
    let shutdown = match shutdown_signal() {
        Ok(s) => s,
        Err(e) => {
            eprintln!("css-emulator: cannot handle signals: {e}");
            return ExitCode::FAILURE;
        }
    };
    // Scripts wait for this one line to learn the port, so it goes out before anything else.
    let mut stdout = std::io::stdout();
    let _ = writeln!(stdout, "css-emulator listening on http://{address}");
    let _ = stdout.flush();
    for c in &config.clusters {
        eprintln!("css-emulator: cluster {}/{} ({})", c.project_id, c.cluster_id, c.name);
    }
    if let Some(path) = &config.state_file {
        eprintln!("css-emulator: snapshots kept in {}", path.display());
    }
    match css_emulator::serve_emulator(listener, emulator, shutdown).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("css-emulator: {e}");
            ExitCode::FAILURE
        }
    }
}
