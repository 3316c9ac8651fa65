//! Events for the host page, queued until the page has sent them: two events raised between
//! renders are both delivered, in order, each once.

use crate::events::HostEvent;

/// Numbered events waiting to be sent.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Outbox {
    queue: Vec<(u32, HostEvent)>,
    last: u32,
}

impl Outbox {
    /// Queues `event` under the next number.
    pub fn push(&mut self, event: HostEvent) {
        self.last += 1;
        self.queue.push((self.last, event));
    }

    /// The events not yet sent, oldest first.
    pub fn pending(&self) -> &[(u32, HostEvent)] {
        &self.queue
    }

    /// Forgets the events up to number `upto`, once sent. Returns whether any was forgotten.
    pub fn delivered(&mut self, upto: u32) -> bool {
        let before = self.queue.len();
        self.queue.retain(|(n, _)| *n > upto);
        self.queue.len() != before
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::events;
    use crate::json::Json;

    fn event(name: &'static str) -> HostEvent {
        HostEvent { name, detail: Json::Null }
    }

    #[test]
    fn events_raised_together_are_all_kept_in_order_until_delivered() {
        let mut o = Outbox::default();
        o.push(event(events::CREATED));
        o.push(event(events::COMPLETED));
        let names: Vec<_> = o.pending().iter().map(|(n, e)| (*n, e.name)).collect();
        assert_eq!(names, [(1, events::CREATED), (2, events::COMPLETED)]);
        assert!(o.delivered(1));
        assert_eq!(o.pending().iter().map(|(n, _)| *n).collect::<Vec<_>>(), [2]);
        assert!(!o.delivered(1), "delivering again forgets nothing more");
        o.push(event(events::FAILED));
        assert_eq!(o.pending().iter().map(|(n, _)| *n).collect::<Vec<_>>(), [2, 3], "numbers keep growing");
        assert!(o.delivered(3));
        assert!(o.pending().is_empty());
    }
}
