//! The network calls, through gloo-net: create a snapshot, list a cluster's snapshots. Each
//! asks the host for extra headers first and is abandoned after the configured timeout.

use std::cell::Cell;
use std::rc::Rc;

use gloo_net::http::{Request, RequestBuilder};

use super::clock::Timeout;
use super::host;
use crate::follow::ListResult;
use crate::outcome::{self, Failure, Outcome};
use crate::reply::Unreadable;
use crate::request::{self, CreateSnapshot};

/// What came back.
struct Reply {
    status: u16,
    body: String,
    request_id: Option<String>,
    retry_after: Option<String>,
}

/// Everything a request needs besides its own parameters.
#[derive(Clone)]
pub struct Client {
    pub api_base: String,
    pub token: String,
    /// The element events are sent from (the host listens there for `request`).
    pub host: Option<web_sys::Element>,
    pub timeout_secs: u32,
}

impl Client {
    /// Sends `req`; never fails, every end is an [`Outcome`].
    pub async fn create(&self, req: &CreateSnapshot) -> Outcome {
        let url = req.url(&self.api_base);
        match self.send(Request::post(&url), "POST", &url, Some(req.body_json())).await {
            Ok(r) => match outcome::interpret(r.status, &r.body, r.request_id.as_deref()) {
                Outcome::Failed(f) => Outcome::Failed(f.with_retry_after(r.retry_after.as_deref())),
                created => created,
            },
            Err(f) => Outcome::Failed(f),
        }
    }

    /// Reads the snapshots of a cluster.
    pub async fn list(&self, project_id: &str, cluster_id: &str) -> ListResult {
        let url = request::list_url(&self.api_base, project_id, cluster_id);
        let r = self.send(Request::get(&url), "GET", &url, None).await?;
        outcome::interpret_list(r.status, &r.body, r.request_id.as_deref())
    }

    /// Status, body and request id of a reply; a failure when no whole reply came in time.
    async fn send(
        &self,
        mut builder: RequestBuilder,
        method: &str,
        url: &str,
        body: Option<String>,
    ) -> Result<Reply, Failure> {
        let extra = host::request_headers(self.host.as_ref(), method, url);
        // A header the browser would refuse would throw inside gloo-net: such headers never get here.
        for (name, value) in request::headers(&self.token, extra) {
            if request::valid_header(&name, &value) {
                builder = builder.header(&name, &value);
            }
        }
        let controller = web_sys::AbortController::new().ok();
        let timed_out = Rc::new(Cell::new(false));
        let _timer = controller.clone().and_then(|c| {
            let flag = timed_out.clone();
            Timeout::new(self.timeout_secs.saturating_mul(1000) as i32, move || {
                flag.set(true);
                c.abort();
            })
        });
        builder = builder.abort_signal(controller.as_ref().map(|c| c.signal()).as_ref());
        let request = match body {
            Some(b) => builder.header("Content-Type", "application/json").body(b),
            None => builder.build(),
        };
        let failed = |e: gloo_net::Error| match timed_out.get() {
            true => Failure::Timeout { after_secs: self.timeout_secs },
            false => Failure::Network { detail: e.to_string() },
        };
        let response = request.map_err(failed)?.send().await.map_err(failed)?;
        let status = response.status();
        let headers = response.headers();
        let request_id = headers.get(crate::spec::REQUEST_ID_HEADER);
        let retry_after = headers.get("Retry-After");
        match response.text().await {
            Ok(body) => Ok(Reply { status, body, request_id, retry_after }),
            Err(_) if timed_out.get() => Err(Failure::Timeout { after_secs: self.timeout_secs }),
            // A success whose body broke off: the snapshot was probably created.
            Err(e) if (200..300).contains(&status) => Err(Failure::UnreadableSuccess {
                status,
                problem: Unreadable::BrokeOff(e.to_string()),
                raw: String::new(),
                raw_cut: false,
                request_id,
            }),
            // An error status whose body broke off: the status says what there is to say.
            Err(_) => Ok(Reply { status, body: String::new(), request_id, retry_after }),
        }
    }
}
