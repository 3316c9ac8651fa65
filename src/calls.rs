//! The API calls the state machines ask for, as data: the page's one hook performs them and
//! feeds the replies back, so a machine that needs the API adds no effect of its own.

use crate::outcome::{ListResult, Outcome};
use crate::request::{self, CreateSnapshot};
use crate::spec;

/// Which machine asked for a call.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    /// The create request (the submission).
    Create,
    /// A check of the snapshot being followed.
    Follow,
    /// The cluster's list the user asked for.
    List,
    /// The list read to find out what became of a create whose reply left it open.
    Lookup,
}

/// Names one call: the machine and its own sequence number, so a late reply to an older call
/// is recognised and ignored.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CallId {
    pub purpose: Purpose,
    pub seq: u32,
}

/// What to send.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Call {
    /// `POST …/index_snapshot`.
    Create(CreateSnapshot),
    /// `GET …/index_snapshots`.
    List { project_id: String, cluster_id: String },
}

impl Call {
    /// The HTTP method.
    pub fn method(&self) -> &'static str {
        match self {
            Call::Create(_) => spec::CREATE_METHOD,
            Call::List { .. } => spec::LIST_METHOD,
        }
    }

    /// The path under the API base.
    pub fn path(&self) -> String {
        match self {
            Call::Create(req) => req.path(),
            Call::List { project_id, cluster_id } => {
                request::cluster_path(project_id, cluster_id, spec::LIST_SEGMENT)
            }
        }
    }
}

/// A call a machine wants made now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiCall {
    pub id: CallId,
    pub call: Call,
}

/// What a call brought back.
#[derive(Debug, Clone, PartialEq)]
pub enum Reply {
    Created(Outcome),
    Listed(ListResult),
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn calls_name_their_method_and_path() {
        let list = Call::List { project_id: "p".into(), cluster_id: "c 1".into() };
        assert_eq!((list.method(), list.path().as_str()), ("GET", "/v1.0/p/clusters/c%201/index_snapshots"));
        let req = CreateSnapshot {
            project_id: "p".into(),
            cluster_id: "c".into(),
            name: "snap".into(),
            description: None,
            indices: None,
        };
        let create = Call::Create(req);
        assert_eq!((create.method(), create.path().as_str()), ("POST", "/v1.0/p/clusters/c/index_snapshot"));
    }
}
