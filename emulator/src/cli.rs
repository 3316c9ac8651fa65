//! Command-line options, parsed by hand to keep the dependency list short.

use std::path::PathBuf;
use std::time::Duration;

use css_snapshot_form::rules;
use css_snapshot_form::spec::Field;

use crate::faults::{parse_latency, Fault};
use crate::lifecycle::{Endings, Outcome};
use crate::{Cluster, Config};

/// Where the emulator listens unless told otherwise (the page's default API base points here).
pub const DEFAULT_LISTEN: &str = "127.0.0.1:8081";

/// The `--help` text.
pub const USAGE: &str = "\
css-emulator: a local stand-in for the Huawei Cloud CSS snapshot API

Usage: css-emulator [OPTIONS]

Options:
  --listen ADDR         address to listen on (default 127.0.0.1:8081; port 0 picks a free port)
  --token TOKEN         require this value in the X-Auth-Token header of API requests
  --cluster PROJECT_ID/CLUSTER_ID[=CLUSTER_NAME]
                        a cluster that exists (repeatable); without any, the spec's example
                        cluster is used, named es-demo
  --serve-dir DIR       serve the files of DIR at / (/ is DIR/index.html); a file's .br or .gz
                        sibling is sent instead when the request's Accept-Encoding allows it
  --build-seconds SECS  how long each new snapshot stays BUILDING before it ends (default 4;
                        fractions allowed, e.g. 0.2; 0 ends at once; at most 86400)
  --outcome ENDING      end every new snapshot as ENDING: completed, failed or part_failed
                        (default: chosen by the snapshot's name, see below)
  --minimal-reply       reply to a create with only {\"backup\":{\"id\":...,\"name\":...}}, as current
                        service versions do (default: the spec's full Table 4 object)
  --state-file PATH     keep the snapshots in the JSON file PATH: read at start (a missing file
                        is created), written after each change, so a restarted emulator still
                        lists them (the request log is not kept)
  --fault KIND          answer every create request with the fault KIND (see Faults below)
  --latency-ms N        hold every create reply back N milliseconds (0 to 600000)
  --keep-alive          keep connections open between requests (default: every reply says
                        Connection: close; see Faults below for why)
  --help                print this text

API:
  POST /v1.0/{project_id}/clusters/{cluster_id}/index_snapshot
  GET  /v1.0/{project_id}/clusters/{cluster_id}/index_snapshots
       {\"backups\":[...]}: the cluster's snapshots oldest first (the order they were made), each
       Table 4 as it is now, plus backupFrequency

Snapshot lifecycle:
  The create reply says BUILDING (totalShards and failedShards null, as in the spec's example).
  In the list, a snapshot is BUILDING for --build-seconds after its startTime, with totalShards
  set (5 per listed index, 10 when indices is empty), failedShards 0 and endTime 0; then it has
  ended, with endTime and updated set to the end and version 7.10.2. Without --outcome its name
  chooses the ending:
    failed-...    FAILED       failedShards = totalShards
    partial-...   PART_FAILED  0 < failedShards < totalShards
    any other     COMPLETED    failedShards = 0
  The ending is fixed when the snapshot is made; the status is worked out from the clock on
  each read, so nothing runs in the background.

Faults (for testing clients):
  --fault and --latency-ms apply to every create request. The request headers
  X-Emulator-Fault: KIND and X-Emulator-Latency-Ms: N apply to the request that carries them
  (create or list) and win over the options; X-Emulator-Fault: none turns --fault off for it.
  KIND is one of:
    500 501 502 503 504[:SHAPE]  that status with an error body of SHAPE (default css)
    429[:SHAPE]        429 with Retry-After: 7 (default shape generic)
    drop               close the connection without any reply
    cut                a 201 whose Content-Length is larger than what follows: half the body,
                       then the connection is closed
    not-json           500, Content-Type application/json, a body that is not JSON
    created-not-json   201, Content-Type application/json, a body that is not JSON
    created-empty      201 with an empty body
  SHAPE is one of:
    css                {\"errCode\":\"CSS.9503\",\"externalMessage\":\"CSS.9503 : ...\"}
    generic            {\"error_code\":\"APIG.9503\",\"error_msg\":\"...\",\"request_id\":\"...\"}
    code               {\"code\":503,\"message\":\"...\"}
    nested             {\"error\":{\"code\":\"CSS.9503\",\"message\":\"...\"}}
    html               an HTML error page (text/html)
    empty              no body
  (CSS.9xxx and APIG.9xxx are the emulator's own codes: 9 and the status.)
  A faulted request is not handled (no token check, no snapshot is created) but is logged, with
  the status sent, or 0 for drop and cut. Latency holds the reply back after the request was
  handled: a create the client gives up on meanwhile has still created its snapshot.
  A bad header value is answered 400 with error_code EMULATOR.0001.
  Every reply closes its connection unless --keep-alive is given: Chromium silently resends a
  request (a POST too) when a reused connection closes without a reply, so with reuse a drop
  fault would reach the emulator once per idle connection the browser holds.

Test hooks:
  GET  /_emulator/requests   API requests received so far (JSON)
  POST /_emulator/reset      forget snapshots (in the state file too) and requests
";

/// The longest `--build-seconds`: a day is far past any page's give-up time already.
pub const MAX_BUILD_SECONDS: f64 = 86_400.0;

/// What the command line asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Command {
    /// Print [`USAGE`] and exit.
    Help,
    /// Serve on `listen` with `config`.
    Run {
        /// An address to bind, as given (`host:port`).
        listen: String,
        /// What the emulator knows and requires.
        config: Config,
    },
}

/// The value of an option given as `--opt VALUE` or `--opt=VALUE`.
fn value(
    opt: &str,
    inline: Option<String>,
    rest: &mut impl Iterator<Item = String>,
) -> Result<String, String> {
    let v = inline.or_else(|| rest.next()).ok_or_else(|| format!("{opt} needs a value"))?;
    if v.is_empty() {
        return Err(format!("{opt} needs a value"));
    }
    Ok(v)
}

/// Reads `--build-seconds`: a finite, non-negative number of seconds up to [`MAX_BUILD_SECONDS`].
fn parse_build_seconds(v: &str) -> Result<Duration, String> {
    let secs: f64 =
        v.trim().parse().map_err(|_| format!("--build-seconds {v:?}: expected a number of seconds"))?;
    // `parse` also accepts "inf" and "NaN", which no clock can reach.
    if !(0.0..=MAX_BUILD_SECONDS).contains(&secs) {
        return Err(format!("--build-seconds {v:?}: expected 0 to {MAX_BUILD_SECONDS} seconds"));
    }
    Ok(Duration::from_secs_f64(secs))
}

/// Reads `--outcome`: an ending's status in any case (`part_failed`, `PART_FAILED`).
fn parse_outcome(v: &str) -> Result<Outcome, String> {
    Outcome::ALL
        .into_iter()
        .find(|o| o.status().eq_ignore_ascii_case(v))
        .ok_or_else(|| format!("--outcome {v:?}: expected completed, failed or part_failed"))
}

/// Reads `PROJECT_ID/CLUSTER_ID[=CLUSTER_NAME]`, refusing ids the form itself would refuse.
fn parse_cluster(spec: &str) -> Result<Cluster, String> {
    let (ids, name) = match spec.split_once('=') {
        Some((ids, name)) => (ids, Some(name)),
        None => (spec, None),
    };
    let (project_id, cluster_id) = ids
        .split_once('/')
        .ok_or_else(|| format!("--cluster {spec:?}: expected PROJECT_ID/CLUSTER_ID[=NAME]"))?;
    for (field, v) in [(Field::ProjectId, project_id), (Field::ClusterId, cluster_id)] {
        if !rules::is_valid(field, v) {
            return Err(format!("--cluster {spec:?}: {} {v:?} is not a valid id", field.api_name()));
        }
    }
    let name = match name {
        Some("") => return Err(format!("--cluster {spec:?}: the cluster name is empty")),
        Some(n) => n.to_string(),
        None => format!("es-{}", cluster_id.chars().take(8).collect::<String>()),
    };
    Ok(Cluster { project_id: project_id.into(), cluster_id: cluster_id.into(), name })
}

/// Parses the arguments after the program name.
pub fn parse(args: impl IntoIterator<Item = String>) -> Result<Command, String> {
    let mut listen = DEFAULT_LISTEN.to_string();
    let mut config = Config { clusters: Vec::new(), ..Config::default() };
    let mut args = args.into_iter();
    while let Some(arg) = args.next() {
        let (opt, inline) = match arg.split_once('=') {
            Some((o, v)) if o.starts_with("--") => (o.to_string(), Some(v.to_string())),
            _ => (arg.clone(), None),
        };
        match opt.as_str() {
            "--help" | "-h" => return Ok(Command::Help),
            "--listen" => listen = value(&opt, inline, &mut args)?,
            "--token" => {
                let token = value(&opt, inline, &mut args)?;
                // The page sends the token as a header; one a browser cannot send is a typo.
                if !rules::is_valid(Field::Token, &token) {
                    return Err("--token: the token must be visible ASCII characters".into());
                }
                config.token = Some(token);
            }
            "--cluster" => {
                let cluster = parse_cluster(&value(&opt, inline, &mut args)?)?;
                if config
                    .clusters
                    .iter()
                    .any(|c| c.project_id == cluster.project_id && c.cluster_id == cluster.cluster_id)
                {
                    return Err(format!(
                        "--cluster {}/{} is given twice",
                        cluster.project_id, cluster.cluster_id
                    ));
                }
                config.clusters.push(cluster);
            }
            "--serve-dir" => {
                let dir = PathBuf::from(value(&opt, inline, &mut args)?);
                if !dir.is_dir() {
                    return Err(format!("--serve-dir {}: not a directory", dir.display()));
                }
                config.serve_dir = Some(dir);
            }
            "--build-seconds" => {
                config.build_time = parse_build_seconds(&value(&opt, inline, &mut args)?)?;
            }
            "--outcome" => {
                let outcome = parse_outcome(&value(&opt, inline, &mut args)?)?;
                config.endings = Endings::Always(outcome);
            }
            "--minimal-reply" => {
                if inline.is_some() {
                    return Err(format!("{opt} takes no value"));
                }
                config.minimal_reply = true;
            }
            "--keep-alive" => {
                if inline.is_some() {
                    return Err(format!("{opt} takes no value"));
                }
                config.keep_alive = true;
            }
            "--fault" => {
                let kind = value(&opt, inline, &mut args)?;
                config.fault = Some(Fault::parse(&kind).map_err(|e| format!("--fault: {e}"))?);
            }
            "--latency-ms" => {
                let ms = value(&opt, inline, &mut args)?;
                config.latency = parse_latency(&ms).map_err(|e| format!("--latency-ms: {e}"))?;
            }
            // Read and checked when the emulator opens it, before it listens.
            "--state-file" => {
                config.state_file = Some(PathBuf::from(value(&opt, inline, &mut args)?));
            }
            _ => return Err(format!("unknown argument {arg:?}")),
        }
    }
    if config.clusters.is_empty() {
        config.clusters.push(Cluster::example());
    }
    Ok(Command::Run { listen, config })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::faults::Shape;

    fn run(args: &[&str]) -> Result<(String, Config), String> {
        match parse(args.iter().map(|s| s.to_string()))? {
            Command::Run { listen, config } => Ok((listen, config)),
            Command::Help => Err("help".into()),
        }
    }

    #[test]
    fn defaults_to_the_spec_example_cluster() {
        let (listen, config) = run(&[]).unwrap();
        assert_eq!(listen, DEFAULT_LISTEN);
        assert_eq!(config, Config::default());
    }

    #[test]
    fn reads_every_option_in_both_forms() {
        let (listen, config) =
            run(&["--listen", "127.0.0.1:0", "--token=abc", "--cluster", "p1/c1=logs", "--cluster=p2/c2"])
                .unwrap();
        assert_eq!(listen, "127.0.0.1:0");
        assert_eq!(config.token.as_deref(), Some("abc"));
        assert_eq!(
            config.clusters,
            vec![
                Cluster { project_id: "p1".into(), cluster_id: "c1".into(), name: "logs".into() },
                Cluster { project_id: "p2".into(), cluster_id: "c2".into(), name: "es-c2".into() },
            ]
        );
        let (_, config) = run(&["--serve-dir", "."]).unwrap();
        assert_eq!(config.serve_dir, Some(PathBuf::from(".")));
    }

    #[test]
    fn reads_the_lifecycle_options() {
        let (_, config) = run(&[
            "--build-seconds",
            "0.2",
            "--outcome=part_failed",
            "--minimal-reply",
            "--state-file",
            "/tmp/state.json",
        ])
        .unwrap();
        assert_eq!(config.build_time, Duration::from_millis(200));
        assert_eq!(config.endings, Endings::Always(Outcome::PartFailed));
        assert!(config.minimal_reply);
        assert_eq!(config.state_file, Some(PathBuf::from("/tmp/state.json")));

        let (_, config) = run(&["--build-seconds=0", "--outcome", "FAILED"]).unwrap();
        assert_eq!(config.build_time, Duration::ZERO);
        assert_eq!(config.endings, Endings::Always(Outcome::Failed));
        let (_, config) = run(&["--outcome", "Completed", "--build-seconds", "86400"]).unwrap();
        assert_eq!(config.endings, Endings::Always(Outcome::Completed));
        assert_eq!(config.build_time, Duration::from_secs(86_400));

        let (_, defaults) = run(&[]).unwrap();
        assert_eq!(defaults.build_time, Duration::from_secs(4));
        assert_eq!(defaults.endings, Endings::ByPrefix);
        assert!(!defaults.minimal_reply);
        assert_eq!(defaults.state_file, None);
    }

    #[test]
    fn refuses_lifecycle_values_it_cannot_use() {
        for bad in [
            &["--build-seconds", "-1"][..],
            &["--build-seconds", "86400.5"],
            &["--build-seconds", "NaN"],
            &["--build-seconds", "inf"],
            &["--build-seconds", "4s"],
            &["--build-seconds"],
            &["--outcome", "done"],
            &["--outcome", "partial"],
            &["--outcome"],
            &["--minimal-reply=yes"],
            &["--state-file", ""],
        ] {
            assert!(run(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn the_usage_names_every_option_and_ending() {
        for word in [
            "--build-seconds",
            "--outcome",
            "--minimal-reply",
            "--state-file",
            "completed, failed or part_failed",
            crate::lifecycle::FAILED_PREFIX,
            crate::lifecycle::PARTIAL_PREFIX,
            "oldest first",
            "backupFrequency",
        ] {
            assert!(USAGE.contains(word), "{word} missing from the usage");
        }
        for outcome in Outcome::ALL {
            assert!(USAGE.contains(outcome.status()), "{outcome:?}");
        }
    }

    #[test]
    fn reads_the_fault_options() {
        let (_, config) = run(&["--fault", "503:html", "--latency-ms=250"]).unwrap();
        assert_eq!(config.fault, Some(Fault::Status { status: 503, shape: Shape::Html }));
        assert_eq!(config.latency, Duration::from_millis(250));
        let (_, config) = run(&["--fault=drop", "--keep-alive"]).unwrap();
        assert_eq!(config.fault, Some(Fault::Drop));
        assert!(config.keep_alive);
        let (_, defaults) = run(&[]).unwrap();
        assert_eq!(defaults.fault, None);
        assert_eq!(defaults.latency, Duration::ZERO);
        assert!(!defaults.keep_alive);
        for bad in [
            &["--keep-alive=yes"][..],
            &["--fault"],
            &["--fault", "404"],
            &["--fault", "503:xml"],
            &["--latency-ms", "-5"],
            &["--latency-ms", "1.5"],
            &["--latency-ms", "600001"],
        ] {
            assert!(run(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn the_usage_names_every_fault_kind_and_shape() {
        for word in [
            "--fault",
            "--latency-ms",
            "--keep-alive",
            "Connection: close",
            "X-Emulator-Fault",
            "X-Emulator-Latency-Ms",
            "Retry-After: 7",
            "drop",
            "cut",
            "not-json",
            "created-not-json",
            "created-empty",
        ] {
            assert!(USAGE.contains(word), "{word} missing from the usage");
        }
        for status in crate::faults::FAULT_STATUSES {
            assert!(USAGE.contains(&status.to_string()), "{status}");
        }
        for shape in Shape::ALL {
            assert!(USAGE.contains(shape.name()), "{shape:?}");
        }
    }

    #[test]
    fn refuses_what_it_cannot_use() {
        assert!(run(&["--listen"]).is_err());
        assert!(run(&["--token", ""]).is_err());
        assert!(run(&["--token", "a b"]).is_err());
        assert!(run(&["--cluster", "nocluster"]).is_err());
        assert!(run(&["--cluster", "p/c?x"]).is_err());
        assert!(run(&["--cluster", "p/c="]).is_err());
        assert!(run(&["--cluster", "p/c", "--cluster", "p/c=x"]).is_err());
        assert!(run(&["--serve-dir", "/no/such/dir"]).is_err());
        assert!(run(&["--bogus"]).is_err());
        assert_eq!(parse(["--help".to_string()]), Ok(Command::Help));
    }
}
