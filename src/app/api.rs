//! The one network call: POST the create request with gloo-net and read whatever comes back.

use gloo_net::http::Request;

use crate::outcome::{self, Failure, Outcome};
use crate::request::CreateSnapshot;
use crate::spec;

/// Sends `req` under `api_base`; never fails, every end is an [`Outcome`].
pub async fn create(api_base: &str, req: &CreateSnapshot, token: &str) -> Outcome {
    let mut builder = Request::post(&req.url(api_base)).header("Content-Type", "application/json");
    if !token.is_empty() {
        builder = builder.header(spec::TOKEN_HEADER, token);
    }
    let request = match builder.body(req.body_json()) {
        Ok(r) => r,
        Err(e) => {
            return Outcome::Failed(Failure::Network {
                detail: e.to_string(),
            })
        }
    };
    let response = match request.send().await {
        Ok(r) => r,
        Err(e) => {
            return Outcome::Failed(Failure::Network {
                detail: e.to_string(),
            })
        }
    };
    let request_id = response.headers().get(spec::REQUEST_ID_HEADER);
    match response.text().await {
        Ok(body) => outcome::interpret(response.status(), &body, request_id.as_deref()),
        // The status arrived but the body broke off: say so rather than guess.
        Err(e) => Outcome::Failed(Failure::Network {
            detail: format!("HTTP {}; {e}", response.status()),
        }),
    }
}
