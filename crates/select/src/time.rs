//! When things happened: document dates and the time expressions in sentences, as days.
//!
//! Ordering a summary by when its events happened needs more than the article's date: a
//! story dated Friday reports what happened "Tuesday", "last month" or "on Oct. 31", and
//! a background sentence ("In 1987, the Supreme Court barred ...") is years older than
//! the story. Dates come in the shapes news data uses (`1999-07-07 08:30:27`,
//! `08/12/1998 13:29:00`, `19990707`, `July 7, 1999`); a sentence's first time expression is
//! resolved against its document's date. Days are counted from 1970-01-01 (proleptic
//! Gregorian), so they compare and subtract directly.

/// Days from 1970-01-01 to the given civil date (Howard Hinnant's `days_from_civil`).
pub fn days_from_civil(year: i64, month: u32, day: u32) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = if y >= 0 { y } else { y - 399 } / 400;
    let yoe = y - era * 400;
    let m = i64::from(month);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(day) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// Year of a day count (inverse of [`days_from_civil`] for the year part).
fn year_of(days: i64) -> i64 {
    let z = days + 719_468;
    let era = if z >= 0 { z } else { z - 146_096 } / 146_097;
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    yoe + era * 400 + i64::from(month <= 2)
}

/// Day of the week, 0 = Monday.
fn weekday(days: i64) -> i64 {
    (days + 3).rem_euclid(7)
}

const MONTHS: &[(&str, u32)] = &[
    ("january", 1),
    ("jan", 1),
    ("february", 2),
    ("feb", 2),
    ("march", 3),
    ("mar", 3),
    ("april", 4),
    ("apr", 4),
    ("may", 5),
    ("june", 6),
    ("jun", 6),
    ("july", 7),
    ("jul", 7),
    ("august", 8),
    ("aug", 8),
    ("september", 9),
    ("sept", 9),
    ("sep", 9),
    ("october", 10),
    ("oct", 10),
    ("november", 11),
    ("nov", 11),
    ("december", 12),
    ("dec", 12),
];

const WEEKDAYS: &[&str] = &[
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

/// True for a weekday name ("Wednesday"), in any case.
pub(crate) fn is_weekday(word: &str) -> bool {
    WEEKDAYS.contains(&word.to_ascii_lowercase().as_str())
}

/// True for a month name or its abbreviation ("May", "Oct."), in any case.
pub(crate) fn is_month(word: &str) -> bool {
    month_of(word).is_some()
}

/// True for a month or weekday name ("May", "Wednesday", "Oct."), in any case.
pub(crate) fn is_calendar_word(word: &str) -> bool {
    month_of(word).is_some() || WEEKDAYS.contains(&word.to_ascii_lowercase().as_str())
}

fn month_of(word: &str) -> Option<u32> {
    let w = word.trim_end_matches('.').to_ascii_lowercase();
    MONTHS.iter().find(|(name, _)| *name == w).map(|&(_, m)| m)
}

fn valid(year: i64, month: u32, day: u32) -> bool {
    (1..=12).contains(&month) && (1..=31).contains(&day) && (1000..=9999).contains(&year)
}

/// Parses a document date in the usual shapes, as a day count and seconds into the day.
pub fn parse_date(s: &str) -> Option<(i64, u32)> {
    let s = s.trim();
    let (date, time) = match s.split_once([' ', 'T']) {
        Some((d, t)) => (d, t),
        None => (s, ""),
    };
    let num = |x: &str| x.parse::<i64>().ok();
    let ymd = if let [y, m, d] = date.split('-').collect::<Vec<_>>()[..] {
        (
            num(y)?,
            num(m)? as u32,
            num(d.get(..2).unwrap_or(d))? as u32,
        )
    } else if let [m, d, y] = date.split('/').collect::<Vec<_>>()[..] {
        (num(y)?, num(m)? as u32, num(d)? as u32)
    } else if date.len() == 8 && date.bytes().all(|b| b.is_ascii_digit()) {
        (
            num(&date[..4])?,
            num(&date[4..6])? as u32,
            num(&date[6..])? as u32,
        )
    } else {
        // "July 7, 1999" / "7 July 1999".
        let words: Vec<&str> = s
            .split(|c: char| c.is_whitespace() || c == ',')
            .filter(|w| !w.is_empty())
            .collect();
        let year = words.iter().find_map(|w| num(w).filter(|y| *y >= 1000))?;
        let (mi, month) = words
            .iter()
            .enumerate()
            .find_map(|(k, w)| month_of(w).map(|m| (k, m)))?;
        let day = words
            .get(mi + 1)
            .and_then(|w| num(w))
            .filter(|d| (1..=31).contains(d))
            .or_else(|| mi.checked_sub(1).and_then(|k| num(words[k])))?;
        return valid(year, month, day as u32)
            .then(|| (days_from_civil(year, month, day as u32), 0));
    };
    let (y, m, d) = ymd;
    if !valid(y, m, d) {
        return None;
    }
    let secs = time
        .split(':')
        .take(3)
        .map(|p| p.trim().parse::<u32>().unwrap_or(0))
        .zip([3600, 60, 1])
        .map(|(v, k)| v * k)
        .sum();
    Some((days_from_civil(y, m, d), secs))
}

/// The day the first time expression of `sentence` points at, read as written on
/// `doc_day`: "yesterday", "Monday" (the last Monday on or before the document's day),
/// "last week/month/year", "three days ago", "Oct. 31" (this year, or last year when that
/// would be after the document), "Oct. 31, 1999", "in 1987". `None` when it has none.
pub fn event_day(sentence: &str, doc_day: i64) -> Option<i64> {
    let words: Vec<String> = sentence
        .split_whitespace()
        .map(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric() && c != '.')
                .trim_end_matches('.')
                .to_ascii_lowercase()
        })
        .collect();
    let number = |w: &str| -> Option<i64> {
        w.parse::<i64>().ok().or_else(|| {
            let small = [
                "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
            ];
            small.iter().position(|x| *x == w).map(|k| k as i64 + 1)
        })
    };
    for (k, w) in words.iter().enumerate() {
        let next = words.get(k + 1).map(String::as_str);
        let prev = k.checked_sub(1).map(|j| words[j].as_str());
        match w.as_str() {
            "yesterday" => return Some(doc_day - 1),
            "today" | "tonight" => return Some(doc_day),
            "last" | "past" => {
                let back = match next {
                    Some("night") => 1,
                    Some("week" | "weekend") => 7,
                    Some("month") => 30,
                    Some("year") => 365,
                    Some(d) if WEEKDAYS.contains(&d) => {
                        let target = WEEKDAYS.iter().position(|x| *x == d).unwrap_or(0) as i64;
                        let back = (weekday(doc_day) - target).rem_euclid(7);
                        if back == 0 {
                            7
                        } else {
                            back
                        }
                    }
                    _ => continue,
                };
                return Some(doc_day - back);
            }
            "ago" => {
                let unit = match prev {
                    Some("days" | "day") => 1,
                    Some("weeks" | "week") => 7,
                    Some("months" | "month") => 30,
                    Some("years" | "year") => 365,
                    _ => continue,
                };
                let n = k
                    .checked_sub(2)
                    .and_then(|j| number(&words[j]))
                    .unwrap_or(1);
                return Some(doc_day - n * unit);
            }
            _ => {}
        }
        if let Some(target) = WEEKDAYS.iter().position(|x| x == w) {
            // "on Monday": the last such day on or before the document's.
            let back = (weekday(doc_day) - target as i64).rem_euclid(7);
            return Some(doc_day - back);
        }
        if let Some(month) = month_of(w) {
            // A capitalized month name followed by a day: "Oct. 31", "October 31, 1999".
            let Some(day) = next
                .and_then(|d| d.trim_end_matches(',').parse::<u32>().ok())
                .filter(|d| (1..=31).contains(d))
            else {
                continue;
            };
            // "May" is also a verb: trust it only with a day after it.
            let year = words
                .get(k + 2)
                .and_then(|y| y.parse::<i64>().ok())
                .filter(|y| (1000..=9999).contains(y));
            let doc_year = year_of(doc_day);
            let day_in = |y: i64| days_from_civil(y, month, day);
            return Some(match year {
                Some(y) => day_in(y),
                None if day_in(doc_year) > doc_day + 2 => day_in(doc_year - 1),
                None => day_in(doc_year),
            });
        }
        if matches!(w.as_str(), "in" | "since" | "during") {
            if let Some(y) = next
                .and_then(|y| y.trim_end_matches("s").parse::<i64>().ok())
                .filter(|y| (1800..=2200).contains(y))
            {
                return Some(days_from_civil(y, 7, 1));
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_in_every_shape_parse_to_the_same_day() {
        let day = days_from_civil(1999, 7, 7);
        assert_eq!(
            parse_date("1999-07-07 08:30:27"),
            Some((day, 8 * 3600 + 30 * 60 + 27))
        );
        assert_eq!(parse_date("07/07/1999 13:29:00").map(|d| d.0), Some(day));
        assert_eq!(parse_date("19990707").map(|d| d.0), Some(day));
        assert_eq!(parse_date("July 7, 1999").map(|d| d.0), Some(day));
        assert_eq!(parse_date("1999-07-07T08:30:27Z").map(|d| d.0), Some(day));
        assert_eq!(parse_date("not a date"), None);
        assert_eq!(days_from_civil(1970, 1, 1), 0);
        assert_eq!(year_of(day), 1999);
        assert_eq!(weekday(day), 2, "1999-07-07 was a Wednesday");
    }

    #[test]
    fn time_expressions_resolve_against_the_document_date() {
        let wed = days_from_civil(1999, 7, 7);
        assert_eq!(
            event_day("Officials said yesterday the plan failed.", wed),
            Some(wed - 1)
        );
        assert_eq!(
            event_day("The ship sank on Monday near Crete.", wed),
            Some(wed - 2)
        );
        assert_eq!(event_day("The talks began last week.", wed), Some(wed - 7));
        assert_eq!(
            event_day("Police arrested him three days ago.", wed),
            Some(wed - 3)
        );
        assert_eq!(
            event_day("The jet crashed Oct. 31 off Nantucket.", wed),
            Some(days_from_civil(1998, 10, 31))
        );
        assert_eq!(
            event_day("The jet crashed on October 31, 1999, off Nantucket.", wed),
            Some(days_from_civil(1999, 10, 31))
        );
        assert_eq!(
            event_day("In 1987, the Supreme Court barred creationism.", wed),
            Some(days_from_civil(1987, 7, 1))
        );
        assert_eq!(event_day("Prices may rise.", wed), None);
        assert_eq!(event_day("The council will vote.", wed), None);
    }
}
