//! Calendar arithmetic for epoch milliseconds, without a date crate (a few lines here keep
//! `chrono` out of the wasm bundle), and the reader's dates: the page formats instants through
//! the browser's `Intl` (the app's [`Dates`]), the host tests and the fallback through [`FixedZone`].

use crate::text::Lang;

/// Shows an instant to the reader: in their time zone, for their language, the zone named.
pub trait Dates {
    /// `epoch_ms` milliseconds after 1970-01-01T00:00:00Z, as the reader's local date and time.
    fn local(&self, epoch_ms: i64, lang: Lang) -> String;
}

/// A zone at a fixed offset from UTC, formatted here (no browser needed).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FixedZone {
    /// Minutes east of UTC.
    pub offset_minutes: i32,
    /// How the zone is named after the time (`UTC`, `GMT+8`).
    pub name: &'static str,
}

/// UTC itself.
pub const UTC: FixedZone = FixedZone { offset_minutes: 0, name: "UTC" };

impl Dates for FixedZone {
    fn local(&self, epoch_ms: i64, lang: Lang) -> String {
        let local = Utc::from_epoch_millis(epoch_ms.saturating_add(i64::from(self.offset_minutes) * 60_000));
        lang.date_time(&local, self.name)
    }
}

/// A UTC date and time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Utc {
    pub year: i64,
    pub month: u32,
    pub day: u32,
    pub hour: u32,
    pub minute: u32,
    pub second: u32,
    pub millis: u32,
}

impl Utc {
    /// The UTC time `ms` milliseconds after 1970-01-01T00:00:00Z.
    pub fn from_epoch_millis(ms: i64) -> Utc {
        let days = ms.div_euclid(86_400_000);
        let rest = ms.rem_euclid(86_400_000) as u32;
        // Howard Hinnant's days-to-civil algorithm.
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z.rem_euclid(146_097);
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
        let year = yoe + era * 400 + i64::from(month <= 2);
        Utc {
            year,
            month,
            day,
            hour: rest / 3_600_000,
            minute: rest / 60_000 % 60,
            second: rest / 1000 % 60,
            millis: rest % 1000,
        }
    }

    /// `CCYY-MM-DDThh:mm:ss`, the service's `created` format (UTC, no zone suffix).
    pub fn service_format(&self) -> String {
        format!(
            "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}",
            self.year, self.month, self.day, self.hour, self.minute, self.second
        )
    }

    /// Milliseconds after 1970-01-01T00:00:00Z (the inverse of [`Utc::from_epoch_millis`]).
    pub fn epoch_millis(&self) -> i64 {
        // Howard Hinnant's days-from-civil algorithm.
        let y = self.year - i64::from(self.month <= 2);
        let era = y.div_euclid(400);
        let yoe = y.rem_euclid(400);
        let m = i64::from(self.month);
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(self.day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        let days = era * 146_097 + doe - 719_468;
        days * 86_400_000
            + i64::from(self.hour) * 3_600_000
            + i64::from(self.minute) * 60_000
            + i64::from(self.second) * 1000
            + i64::from(self.millis)
    }
}

/// Reads `CCYY-MM-DDThh:mm:ss` (an optional `Z` or fraction is accepted).
pub fn parse_service_datetime(s: &str) -> Option<Utc> {
    let s = s.trim_end_matches('Z');
    let s = s.split('.').next()?;
    let b = s.as_bytes();
    if b.len() != 19
        || b[4] != b'-'
        || b[7] != b'-'
        || (b[10] != b'T' && b[10] != b' ')
        || b[13] != b':'
        || b[16] != b':'
    {
        return None;
    }
    let n = |r: std::ops::Range<usize>| -> Option<u32> {
        let part = s.get(r)?;
        part.bytes().all(|c| c.is_ascii_digit()).then(|| part.parse().ok())?
    };
    let t = Utc {
        year: i64::from(n(0..4)?),
        month: n(5..7)?,
        day: n(8..10)?,
        hour: n(11..13)?,
        minute: n(14..16)?,
        second: n(17..19)?,
        millis: 0,
    };
    let valid = (1..=12).contains(&t.month)
        && (1..=31).contains(&t.day)
        && t.hour < 24
        && t.minute < 60
        && t.second < 61;
    valid.then_some(t)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_spec_example_start_time() {
        // 1533009767542 is the example's startTime; its `created` is 2018-07-31T04:02:47.
        let t = Utc::from_epoch_millis(1_533_009_767_542);
        assert_eq!(t.service_format(), "2018-07-31T04:02:47");
        assert_eq!(t.millis, 542);
    }

    #[test]
    fn epoch_millis_is_the_inverse() {
        // From year 1 to 9999.
        for ms in [
            0,
            1_533_009_767_542,
            951_782_400_000,
            -1,
            -86_400_001,
            4_102_444_800_000,
            68_169_600_000,
            -62_135_596_800_000,
            253_402_300_799_999,
        ] {
            assert_eq!(Utc::from_epoch_millis(ms).epoch_millis(), ms, "{ms}");
        }
    }

    #[test]
    fn century_years_and_their_leap_days() {
        // Around each century's end of February (1900 and 2100 have no 29th, 1600, 2000 and 2400
        // do) and its first and last days; the expected dates are Python's datetime's.
        for (ms, date) in [
            (-11_670_998_401_000, "1600-02-28T23:59:59"),
            (-11_670_912_001_000, "1600-02-29T23:59:59"),
            (-11_670_825_601_000, "1600-03-01T23:59:59"),
            (-11_644_473_601_000, "1600-12-31T23:59:59"),
            (-8_515_238_401_000, "1700-02-28T23:59:59"),
            (-8_515_152_001_000, "1700-03-01T23:59:59"),
            (-5_359_478_401_000, "1800-03-01T23:59:59"),
            (-2_203_891_201_000, "1900-02-28T23:59:59"),
            (-2_203_804_801_000, "1900-03-01T23:59:59"),
            (-2_208_988_800_000, "1900-01-01T00:00:00"),
            (951_868_799_000, "2000-02-29T23:59:59"),
            (951_955_199_000, "2000-03-01T23:59:59"),
            (978_307_199_000, "2000-12-31T23:59:59"),
            (4_107_542_399_000, "2100-02-28T23:59:59"),
            (4_107_628_799_000, "2100-03-01T23:59:59"),
            (4_133_980_799_000, "2100-12-31T23:59:59"),
            (13_574_649_599_000, "2400-02-29T23:59:59"),
            (13_574_735_999_000, "2400-03-01T23:59:59"),
            (13_569_465_600_000, "2400-01-01T00:00:00"),
        ] {
            assert_eq!(Utc::from_epoch_millis(ms).service_format(), date, "{ms}");
            assert_eq!(Utc::from_epoch_millis(ms).epoch_millis(), ms, "{date}");
        }
    }

    #[test]
    fn epoch_leap_days_and_negative_times() {
        assert_eq!(Utc::from_epoch_millis(0).service_format(), "1970-01-01T00:00:00");
        assert_eq!(Utc::from_epoch_millis(951_782_400_000).service_format(), "2000-02-29T00:00:00");
        assert_eq!(Utc::from_epoch_millis(-1).service_format(), "1969-12-31T23:59:59");
    }

    #[test]
    fn reads_the_service_format() {
        assert_eq!(
            parse_service_datetime("2018-07-31T04:02:47").map(|t| UTC.local(t.epoch_millis(), Lang::En)),
            Some("2018-07-31 04:02:47 UTC".into())
        );
        assert!(parse_service_datetime("2018-07-31T04:02:47Z").is_some());
        assert!(parse_service_datetime("2018-13-31T04:02:47").is_none());
        assert!(parse_service_datetime("yesterday").is_none());
        assert!(parse_service_datetime("2018-07-3１T04:02:47").is_none());
        // A space for the T, and a leap second, are read; every other separator and range is checked.
        assert!(parse_service_datetime("2018-07-31 04:02:47").is_some());
        assert!(parse_service_datetime("2018-07-31T23:59:60").is_some());
        for bad in [
            "2018/07-31T04:02:47",
            "2018-07/31T04:02:47",
            "2018-07-31X04:02:47",
            "2018-07-31T04-02:47",
            "2018-07-31T04:02-47",
            "2018-07-31T24:00:00",
            "2018-07-31T23:60:00",
            "2018-07-31T23:59:61",
            "2018-00-31T04:02:47",
            "2018-07-32T04:02:47",
            "2018-07-31T04:02:4",
        ] {
            assert!(parse_service_datetime(bad).is_none(), "{bad}");
        }
    }

    #[test]
    fn dates_in_a_given_zone_and_language() {
        let beijing = FixedZone { offset_minutes: 480, name: "GMT+8" };
        let new_york = FixedZone { offset_minutes: -240, name: "GMT-4" };
        let t = 1_533_009_767_542; // 2018-07-31T04:02:47Z
        assert_eq!(beijing.local(t, Lang::En), "2018-07-31 12:02:47 GMT+8");
        assert_eq!(beijing.local(t, Lang::Zh), "2018年7月31日 GMT+8 12:02:47");
        // West of UTC the local date is the day before.
        assert_eq!(new_york.local(t, Lang::En), "2018-07-31 00:02:47 GMT-4");
        assert_eq!(new_york.local(t - 3 * 60_000, Lang::Zh), "2018年7月30日 GMT-4 23:59:47");
        assert_eq!(UTC.local(0, Lang::Zh), "1970年1月1日 UTC 00:00:00");
    }
}
