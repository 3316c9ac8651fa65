//! The cluster's snapshots: read when the user asks, refreshed by every check while following.

use crate::calls::{ApiCall, Call, CallId, Purpose};
use crate::follow::ListResult;
use crate::outcome::Failure;
use crate::reply::BackupView;

/// The snapshots of one cluster, as last read.
#[derive(Debug, Clone, PartialEq)]
pub struct ClusterList {
    pub project_id: String,
    pub cluster_id: String,
    /// `None` until the first read succeeds; kept while a refresh runs or fails.
    pub items: Option<Vec<BackupView>>,
    /// The list request in flight.
    pub loading: Option<u32>,
    pub error: Option<Failure>,
}

impl ClusterList {
    fn new(project_id: &str, cluster_id: &str) -> Self {
        ClusterList {
            project_id: project_id.to_string(),
            cluster_id: cluster_id.to_string(),
            items: None,
            loading: None,
            error: None,
        }
    }

    /// Whether this is the list of that cluster.
    fn is_of(&self, project_id: &str, cluster_id: &str) -> bool {
        self.project_id == project_id && self.cluster_id == cluster_id
    }
}

/// The list shown, and the numbering of its requests.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Lists {
    current: Option<ClusterList>,
    seq: u32,
}

impl Lists {
    /// The list shown, once asked for or seen while following.
    pub fn current(&self) -> Option<&ClusterList> {
        self.current.as_ref()
    }

    /// The list for these ids, started afresh if the ids changed.
    fn of(&mut self, project_id: &str, cluster_id: &str) -> &mut ClusterList {
        if !self.current.as_ref().is_some_and(|l| l.is_of(project_id, cluster_id)) {
            self.current = None;
        }
        self.current.get_or_insert_with(|| ClusterList::new(project_id, cluster_id))
    }

    /// Reads that cluster's list (again).
    pub fn load(&mut self, project_id: &str, cluster_id: &str) {
        self.seq += 1;
        self.of(project_id, cluster_id).loading = Some(self.seq);
    }

    /// Takes the reply to list request `seq`; `false` for a request no longer awaited.
    pub fn loaded(&mut self, seq: u32, result: ListResult) -> bool {
        let Some(list) = self.current.as_mut().filter(|l| l.loading == Some(seq)) else {
            return false;
        };
        list.loading = None;
        match result {
            Ok(items) => {
                list.items = Some(items);
                list.error = None;
            }
            Err(failure) => list.error = Some(failure),
        }
        true
    }

    /// Takes a list read for another reason (a check while following).
    pub fn seen(&mut self, project_id: &str, cluster_id: &str, items: Vec<BackupView>) {
        let list = self.of(project_id, cluster_id);
        list.items = Some(items);
        list.error = None;
    }

    /// The snapshots known for that cluster, if its list was read.
    pub fn known(&self, project_id: &str, cluster_id: &str) -> Option<&[BackupView]> {
        let list = self.current.as_ref().filter(|l| l.is_of(project_id, cluster_id))?;
        list.items.as_deref()
    }

    /// The list call to make now.
    pub fn call(&self) -> Option<ApiCall> {
        let list = self.current.as_ref()?;
        let seq = list.loading?;
        Some(ApiCall {
            id: CallId { purpose: Purpose::List, seq },
            call: Call::List { project_id: list.project_id.clone(), cluster_id: list.cluster_id.clone() },
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::outcome::interpret_list;

    fn items(names: &[&str]) -> Vec<BackupView> {
        let body: Vec<String> = names.iter().map(|n| format!(r#"{{"id":"{n}","name":"{n}"}}"#)).collect();
        interpret_list(200, &format!(r#"{{"backups":[{}]}}"#, body.join(",")), None).unwrap()
    }

    fn names(lists: &Lists, p: &str, c: &str) -> Option<Vec<String>> {
        lists.known(p, c).map(|l| l.iter().filter_map(|b| b.name.clone()).collect())
    }

    #[test]
    fn a_load_asks_for_one_call_and_its_reply_fills_the_list() {
        let mut l = Lists::default();
        assert_eq!(l.call(), None);
        l.load("p", "c");
        let call = l.call().expect("a list call");
        assert_eq!(call.id, CallId { purpose: Purpose::List, seq: 1 });
        assert_eq!(call.call, Call::List { project_id: "p".into(), cluster_id: "c".into() });
        assert!(!l.loaded(9, Ok(items(&["x"]))), "a reply to another request is ignored");
        assert_eq!(names(&l, "p", "c"), None);
        assert!(l.loaded(1, Ok(items(&["a", "b"]))));
        assert_eq!(names(&l, "p", "c"), Some(vec!["a".into(), "b".into()]));
        assert_eq!(l.call(), None, "nothing more to read");
        assert!(!l.loaded(1, Ok(items(&[]))), "the same reply twice changes nothing");
    }

    #[test]
    fn a_refresh_keeps_the_items_and_a_failure_is_kept_beside_them() {
        let mut l = Lists::default();
        l.load("p", "c");
        l.loaded(1, Ok(items(&["a"])));
        l.load("p", "c");
        assert_eq!(l.call().map(|c| c.id.seq), Some(2));
        assert_eq!(names(&l, "p", "c"), Some(vec!["a".into()]), "kept while refreshing");
        let down = Failure::Network { detail: "down".into() };
        assert!(l.loaded(2, Err(down.clone())));
        let list = l.current().unwrap();
        assert_eq!((list.items.as_ref().map(Vec::len), list.error.as_ref()), (Some(1), Some(&down)));
        l.load("p", "c");
        l.loaded(3, Ok(items(&["a", "b"])));
        assert_eq!(l.current().unwrap().error, None, "a good read clears the failure");
    }

    #[test]
    fn another_cluster_starts_afresh() {
        let mut l = Lists::default();
        l.load("p", "c");
        l.loaded(1, Ok(items(&["a"])));
        l.load("p", "other");
        assert_eq!(names(&l, "p", "c"), None, "the old cluster's list is gone");
        assert_eq!(names(&l, "p", "other"), None, "the new one is not read yet");
        assert!(!l.loaded(1, Ok(items(&["a"]))));
        assert!(l.loaded(2, Ok(items(&["z"]))));
        assert_eq!(names(&l, "p", "other"), Some(vec!["z".into()]));
        assert_eq!(names(&l, "q", "other"), None, "the project counts too");
    }

    #[test]
    fn a_list_seen_while_following_replaces_what_is_shown() {
        let mut l = Lists::default();
        l.seen("p", "c", items(&["new"]));
        assert_eq!(names(&l, "p", "c"), Some(vec!["new".into()]));
        assert_eq!(l.call(), None, "seeing a list asks for nothing");
        l.load("p", "c");
        l.loaded(1, Err(Failure::Network { detail: "x".into() }));
        l.seen("p", "c", items(&["new", "newer"]));
        let list = l.current().unwrap();
        assert_eq!((list.items.as_ref().map(Vec::len), list.error.as_ref()), (Some(2), None));
        l.seen("p", "c2", items(&[]));
        assert_eq!(names(&l, "p", "c"), None);
    }
}
