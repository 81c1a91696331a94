//! Review dates: the dates editors write in their notes, and their age.
//!
//! Editors sign notes like `#checked 2/12/15 lh`; those dates are review
//! dates. This module reads them (`2/12/15`, `2/24/2019`, `2019-02-24`) and
//! says whether a date is older than the site's review limit. Finding the
//! notes themselves is `markdown`'s job.

use jiff::civil::Date;
use jiff::ToSpan;

/// The last date written in `text`, if any. Two-digit years are 20YY.
pub fn date_in(text: &str) -> Option<Date> {
    text.split(|c: char| c.is_whitespace() || matches!(c, ',' | ';' | '(' | ')'))
        .rev()
        .find_map(|word| parse_date(word.trim_end_matches(['.', ':'])))
}

fn parse_date(word: &str) -> Option<Date> {
    if let Ok(date) = word.parse::<Date>() {
        return Some(date);
    }
    let parts: Vec<&str> = word.split('/').collect();
    let [month, day, year] = parts.as_slice() else {
        return None;
    };
    let all_digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    if !(all_digits(month) && all_digits(day) && all_digits(year)) {
        return None;
    }
    let year: i16 = match year.len() {
        2 => 2000 + year.parse::<i16>().ok()?,
        4 => year.parse().ok()?,
        _ => return None,
    };
    Date::new(year, month.parse().ok()?, day.parse().ok()?).ok()
}

/// True when `date` is more than `months` months before `today`.
pub fn is_older_than(date: Date, months: u32, today: Date) -> bool {
    match date.checked_add((months as i64).months()) {
        Ok(limit) => limit < today,
        Err(_) => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn reads_the_dates_editors_write() {
        assert_eq!(
            date_in("match with 1431, checked 2/12/15 lh"),
            Some(date(2015, 2, 12))
        );
        assert_eq!(
            date_in("fine. not a secure link 2/24/19 lh"),
            Some(date(2019, 2, 24))
        );
        assert_eq!(date_in("reviewed 2019-02-24."), Some(date(2019, 2, 24)));
        assert_eq!(date_in("seen 3/4/2021"), Some(date(2021, 3, 4)));
        assert_eq!(date_in("no date, 1431 codes"), None);
        assert_eq!(date_in("bad 2/30/19"), None);
    }

    #[test]
    fn ages_by_calendar_months() {
        let today = date(2026, 11, 22);
        assert!(is_older_than(date(2019, 2, 24), 24, today));
        assert!(!is_older_than(date(2025, 1, 1), 24, today));
    }
}
