//! The network calls, through gloo-net: create a snapshot, list a cluster's snapshots.

use gloo_net::http::{Request, RequestBuilder};

use crate::follow::ListResult;
use crate::outcome::{self, Failure, Outcome};
use crate::request::{self, CreateSnapshot};
use crate::spec;

/// Status, body and request id of a reply; a failure when no whole reply came.
async fn send(
    builder: RequestBuilder,
    token: &str,
    body: Option<String>,
) -> Result<(u16, String, Option<String>), Failure> {
    let builder = if token.is_empty() {
        builder
    } else {
        builder.header(spec::TOKEN_HEADER, token)
    };
    let request = match body {
        Some(b) => builder.header("Content-Type", "application/json").body(b),
        None => builder.build(),
    }
    .map_err(|e| Failure::Network {
        detail: e.to_string(),
    })?;
    let response = request.send().await.map_err(|e| Failure::Network {
        detail: e.to_string(),
    })?;
    let status = response.status();
    let request_id = response.headers().get(spec::REQUEST_ID_HEADER);
    match response.text().await {
        Ok(body) => Ok((status, body, request_id)),
        // The status arrived but the body broke off: say so rather than guess.
        Err(e) => Err(Failure::Network {
            detail: format!("HTTP {status}; {e}"),
        }),
    }
}

/// Sends `req` under `api_base`; never fails, every end is an [`Outcome`].
pub async fn create(api_base: &str, req: &CreateSnapshot, token: &str) -> Outcome {
    match send(
        Request::post(&req.url(api_base)),
        token,
        Some(req.body_json()),
    )
    .await
    {
        Ok((status, body, rid)) => outcome::interpret(status, &body, rid.as_deref()),
        Err(f) => Outcome::Failed(f),
    }
}

/// Reads the snapshots of a cluster.
pub async fn list(api_base: &str, project_id: &str, cluster_id: &str, token: &str) -> ListResult {
    let url = request::list_url(api_base, project_id, cluster_id);
    let (status, body, rid) = send(Request::get(&url), token, None).await?;
    outcome::interpret_list(status, &body, rid.as_deref())
}
