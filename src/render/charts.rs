//! Charts for profile pages, computed at build time.
//!
//! This module turns a wage table and an outlook table into chart geometry:
//! typed structs of positions, sizes and ready-made labels that a template
//! draws as inline SVG (no chart library, no script). Every label comes from
//! `crate::format`, so a chart says exactly what the tables say. Figures
//! that are not published are not drawn and the description says so;
//! top-coded figures are drawn to their bound with an "or more" mark.
//! All functions here are pure and never panic on odd figures.

use serde::Serialize;

use super::strings::Strings;
use crate::content::model::{Amount, Number, OutlookRow, OutlookTable, WageRow, WageTable};
use crate::format::{self, Figure, FigureStatus, Localizer, Period};

/// Width of every chart's `viewBox`, in user units.
pub const WIDTH: f64 = 640.0;
/// Where the plot begins, right of the area labels.
const PLOT_LEFT: f64 = 190.0;
/// Where the plot ends; room is left for "or more" labels.
const PLOT_RIGHT: f64 = 570.0;
/// Indentation of a nested area's label, per level.
const INDENT: f64 = 14.0;
const WAGE_ROW: f64 = 34.0;
const OUTLOOK_ROW: f64 = 44.0;
/// Space inside the outlook plot for value labels beyond the bars.
const LABEL_ROOM: f64 = 56.0;

/// A linear map from values to x positions.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Scale {
    pub lo: f64,
    pub hi: f64,
    pub left: f64,
    pub right: f64,
}

impl Scale {
    /// The x position of `value`, rounded to a tenth of a unit.
    pub fn x(&self, value: f64) -> f64 {
        let span = self.hi - self.lo;
        let x = if span > 0.0 && span.is_finite() {
            self.left + (value - self.lo) / span * (self.right - self.left)
        } else {
            self.left
        };
        round1(x.clamp(self.left, self.right))
    }
}

/// A "nice" range covering `min..=max` with about `target` steps of
/// 1, 2, 2.5 or 5 times a power of ten: `(lo, hi, step)`.
pub fn nice_range(min: f64, max: f64, target: usize) -> (f64, f64, f64) {
    let (min, max) = if min <= max { (min, max) } else { (max, min) };
    if !min.is_finite() || !max.is_finite() {
        return (0.0, 1.0, 1.0);
    }
    let span = if max > min {
        max - min
    } else {
        min.abs().max(1.0)
    };
    let raw = span / target.max(1) as f64;
    let magnitude = 10f64.powf(raw.log10().floor());
    let step = [1.0, 2.0, 2.5, 5.0, 10.0]
        .into_iter()
        .map(|m| m * magnitude)
        .find(|s| *s >= raw)
        .unwrap_or(10.0 * magnitude);
    let mut lo = (min / step).floor() * step;
    let mut hi = (max / step).ceil() * step;
    if hi <= lo {
        lo -= step;
        hi += step;
    }
    (lo, hi, step)
}

/// An axis tick: its position and its label.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Tick {
    pub x: Coord,
    pub value: f64,
    pub label: String,
}

/// The ticks from `lo` to `hi` every `step`, labelled by `label`.
pub fn ticks(scale: &Scale, step: f64, label: impl Fn(f64) -> String) -> Vec<Tick> {
    if step.is_nan() || step <= 0.0 || !step.is_finite() {
        return Vec::new();
    }
    let count = ((scale.hi - scale.lo) / step).round();
    if !(0.0..=50.0).contains(&count) {
        return Vec::new();
    }
    (0..=count as usize)
        .map(|i| {
            let value = scale.lo + step * i as f64;
            Tick {
                x: Coord(scale.x(value)),
                value,
                label: label(value),
            }
        })
        .collect()
}

/// A line of text at a position.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TextLine {
    pub x: Coord,
    pub y: Coord,
    pub text: String,
}

/// Height of a line of label text.
const LINE: f64 = 14.0;

/// How many characters of a label fit left of the plot at `depth`.
fn label_chars(depth: usize) -> usize {
    let room = PLOT_LEFT - 12.0 - INDENT * depth.min(6) as f64;
    (room / 6.8).max(8.0) as usize
}

/// A row's height: `base`, or more when its label needs more lines.
fn row_height(base: f64, lines: usize) -> f64 {
    base.max(LINE * lines as f64 + 10.0)
}

/// Label lines centred on `y`, indented by depth.
fn label_lines(lines: Vec<String>, depth: usize, y: f64) -> Vec<TextLine> {
    let first = y + 4.0 - LINE * (lines.len().saturating_sub(1)) as f64 / 2.0;
    lines
        .into_iter()
        .enumerate()
        .map(|(i, text)| TextLine {
            x: Coord(round1(4.0 + INDENT * depth.min(6) as f64)),
            y: Coord(round1(first + LINE * i as f64)),
            text,
        })
        .collect()
}

/// Splits `text` at spaces into lines of at most `width` characters (a
/// longer word is cut).
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let width = width.max(1);
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        let mut word: Vec<char> = word.chars().collect();
        while word.len() > width {
            if !line.is_empty() {
                lines.push(std::mem::take(&mut line));
            }
            lines.push(word.drain(..width).collect());
        }
        let word: String = word.into_iter().collect();
        if !line.is_empty() && line.chars().count() + 1 + word.chars().count() > width {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(&word);
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

fn round1(v: f64) -> f64 {
    (v * 10.0).round() / 10.0
}

/// A position or size in the chart's user units. Templates receive it as
/// text formatted by the build, the way Tera prints a number (`123.4`,
/// `120.0`): a profile's two charts hold about 500 of them, and formatting
/// them as floating-point numbers while rendering took a quarter of the
/// charts' rendering time. Positions are already rounded to a tenth, so one
/// decimal is all there is to print.
#[derive(Debug, Clone, Copy, PartialEq, PartialOrd)]
pub struct Coord(pub f64);

impl PartialEq<f64> for Coord {
    fn eq(&self, other: &f64) -> bool {
        self.0 == *other
    }
}

impl Serialize for Coord {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let tenths = self.0 * 10.0;
        // Anything that is not a whole number of tenths (never made here)
        // is printed in full, exactly as before.
        if tenths != tenths.round() || tenths.abs() >= 1e15 {
            return serializer.serialize_str(&format!("{:?}", self.0));
        }
        let mut text = String::with_capacity(16);
        // Tera keeps the sign of a negative zero; `Plain` drops it.
        if self.0 == 0.0 && self.0.is_sign_negative() {
            text.push('-');
        }
        format::Plain(Number::new(self.0, 1)).push_to(&mut text);
        serializer.serialize_str(&text)
    }
}

/// A horizontal line.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Segment {
    pub x1: Coord,
    pub x2: Coord,
    pub y: Coord,
}

/// A vertical line (an end cap or the median marker).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Mark {
    pub x: Coord,
    pub y1: Coord,
    pub y2: Coord,
}

/// A rectangle.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Rect {
    pub x: Coord,
    pub y: Coord,
    pub width: Coord,
    pub height: Coord,
}

/// The "or more" mark of a top-coded figure: an arrowhead pointing right
/// at its bound (`points`, for a `<polygon>`) and a text label.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OrMore {
    pub x: Coord,
    pub points: String,
    pub text_x: Coord,
    pub text_y: Coord,
    pub label: String,
}

/// The `viewBox` and plot area of a chart. Both charts have one, and
/// templates read its fields on the chart itself (`chart.width`).
#[derive(Debug, Clone, Serialize)]
pub struct Frame {
    pub width: Coord,
    pub height: Coord,
    pub plot_left: Coord,
    pub plot_right: Coord,
    pub plot_top: Coord,
    /// Where the axis line is drawn and tick marks end.
    pub axis_y: Coord,
    /// Baseline of the tick labels.
    pub tick_label_y: Coord,
}

impl Frame {
    /// A frame `WIDTH` wide whose axis is at `axis_y`, with room below for
    /// the tick labels.
    fn new(plot_left: f64, plot_right: f64, plot_top: f64, axis_y: f64) -> Self {
        Frame {
            width: Coord(WIDTH),
            height: Coord(axis_y + 26.0),
            plot_left: Coord(plot_left),
            plot_right: Coord(plot_right),
            plot_top: Coord(plot_top),
            axis_y: Coord(axis_y),
            tick_label_y: Coord(axis_y + 18.0),
        }
    }
}

/// `wages.chart`: yearly wages by area on one shared scale.
#[derive(Debug, Clone, Serialize)]
pub struct WageChart {
    #[serde(flatten)]
    pub frame: Frame,
    pub title: String,
    /// The key figures in words, for `<desc>`.
    pub description: String,
    pub ticks: Vec<Tick>,
    pub rows: Vec<WageChartRow>,
}

/// One area of the wage chart. Missing pieces are `null` (not drawn).
#[derive(Debug, Clone, Serialize)]
pub struct WageChartRow {
    pub area: String,
    pub depth: usize,
    /// The area's name, wrapped into lines that fit left of the plot and
    /// indented by depth.
    pub label: Vec<TextLine>,
    /// The baseline for text beside the row's graphic (the note).
    pub label_y: Coord,
    /// The 10th–90th percentile line (from the outermost published figures).
    pub range: Option<Segment>,
    /// End caps at the 10th and 90th percentiles, when published.
    pub caps: Vec<Mark>,
    /// The 25th–75th percentile band, when both are published.
    pub band: Option<Rect>,
    pub median: Option<Mark>,
    pub or_more: Vec<OrMore>,
    /// `not published` when the area has no yearly figure at all.
    pub note: Option<String>,
    pub note_x: Coord,
}

/// `outlook.chart`: this occupation's growth beside all occupations'.
#[derive(Debug, Clone, Serialize)]
pub struct OutlookChart {
    #[serde(flatten)]
    pub frame: Frame,
    /// The x of 0%, where the zero line is drawn.
    pub zero_x: Coord,
    pub title: String,
    pub description: String,
    pub ticks: Vec<Tick>,
    pub legend: Vec<LegendItem>,
    pub rows: Vec<OutlookChartRow>,
}

/// A legend entry: a swatch styled like the series' bars and its name.
#[derive(Debug, Clone, Serialize)]
pub struct LegendItem {
    /// `occupation` or `all`: the bars' class.
    pub series: &'static str,
    pub label: String,
    pub swatch: Rect,
    pub text_x: Coord,
    pub text_y: Coord,
}

#[derive(Debug, Clone, Serialize)]
pub struct OutlookChartRow {
    pub area: String,
    pub depth: usize,
    /// The area's name in lines, as in the wage chart.
    pub label: Vec<TextLine>,
    /// Two bars: this occupation, then all occupations.
    pub bars: Vec<Bar>,
}

/// One growth bar. A figure that is not published has no `rect`; its
/// label says `not published`.
#[derive(Debug, Clone, Serialize)]
pub struct Bar {
    pub series: &'static str,
    pub rect: Option<Rect>,
    pub figure: Figure,
    pub label_x: Coord,
    pub label_y: Coord,
    /// `start` or `end`: the label's `text-anchor`.
    pub anchor: &'static str,
}

/// The wage chart of a table, or `None` when no yearly figure is published.
/// The words of the charts in one language, and how its numbers are written.
pub struct Words<'a> {
    pub t: &'a Strings,
    pub numbers: &'a Localizer,
}

pub fn wage_chart(table: &WageTable, words: &Words) -> Option<WageChart> {
    let values: Vec<f64> = table
        .areas
        .iter()
        .flat_map(|r| r.yearly.iter().filter_map(|w| w.amount().value()))
        .filter(|v| v.is_finite())
        .collect();
    let min = values.iter().copied().reduce(f64::min)?;
    let max = values.iter().copied().reduce(f64::max)?;
    let (lo, hi, step) = nice_range(min, max, 5);
    let scale = Scale {
        lo,
        hi,
        left: PLOT_LEFT,
        right: PLOT_RIGHT,
    };
    let top = 8.0;
    let mut y = top;
    let rows: Vec<WageChartRow> = table
        .areas
        .iter()
        .map(|row| {
            let lines = wrap(&row.area, label_chars(row.depth));
            let height = row_height(WAGE_ROW, lines.len());
            let drawn = wage_row(row, lines, &scale, y + height / 2.0, words);
            y += height;
            drawn
        })
        .collect();
    let axis_y = y + 4.0;
    Some(WageChart {
        frame: Frame::new(PLOT_LEFT, PLOT_RIGHT, top, axis_y),
        title: words.t.get("chart_wage_title").into(),
        description: wage_description(table, words),
        ticks: ticks(&scale, step, |v| format::money(v, false)),
        rows,
    })
}

fn wage_row(
    row: &WageRow,
    lines: Vec<String>,
    scale: &Scale,
    y: f64,
    words: &Words,
) -> WageChartRow {
    let at = |i: usize| {
        let wage = row.yearly.get(i)?;
        wage.amount().value().filter(|v| v.is_finite())
    };
    let xs: Vec<f64> = (0..5).filter_map(at).map(|v| scale.x(v)).collect();
    let range = match (xs.first(), xs.last()) {
        (Some(&x1), Some(&x2)) if xs.len() > 1 => Some(Segment {
            x1: Coord(x1),
            x2: Coord(x2),
            y: Coord(y),
        }),
        _ => None,
    };
    let caps = [0, 4]
        .into_iter()
        .filter_map(at)
        .map(|v| Mark {
            x: Coord(scale.x(v)),
            y1: Coord(y - 6.0),
            y2: Coord(y + 6.0),
        })
        .collect();
    let band = at(1).zip(at(3)).map(|(p25, p75)| Rect {
        x: Coord(scale.x(p25)),
        y: Coord(y - 7.0),
        width: Coord(round1(scale.x(p75) - scale.x(p25))),
        height: Coord(14.0),
    });
    let or_more = row
        .yearly
        .iter()
        .filter_map(|wage| match wage.amount() {
            Amount::AtLeast(n) if n.value.is_finite() => Some(or_more_mark(
                scale.x(n.value),
                y,
                words.t.get("chart_or_more"),
            )),
            _ => None,
        })
        .collect();
    WageChartRow {
        area: row.area.clone(),
        depth: row.depth,
        label: label_lines(lines, row.depth, y),
        label_y: Coord(y + 4.0),
        range,
        caps,
        band,
        median: at(2).map(|v| Mark {
            x: Coord(scale.x(v)),
            y1: Coord(y - 11.0),
            y2: Coord(y + 11.0),
        }),
        or_more,
        note: xs.is_empty().then(|| words.numbers.not_published.clone()),
        note_x: Coord(PLOT_LEFT + 4.0),
    }
}

fn or_more_mark(x: f64, y: f64, label: &str) -> OrMore {
    let tip = round1(x + 9.0);
    OrMore {
        x: Coord(x),
        points: format!(
            "{},{} {},{} {},{}",
            round1(x + 2.0),
            y - 5.0,
            tip,
            y,
            round1(x + 2.0),
            y + 5.0
        ),
        text_x: Coord(round1(tip + 3.0)),
        text_y: Coord(y + 4.0),
        label: label.to_string(),
    }
}

/// The wage chart's description: each area's key yearly figures in words.
pub fn wage_description(table: &WageTable, words: &Words) -> String {
    let mut text = words.t.get("chart_wage_intro").to_string();
    for row in &table.areas {
        text.push(' ');
        text.push_str(&wage_sentence(row, words));
    }
    text
}

fn wage_sentence(row: &WageRow, words: &Words) -> String {
    let t = words.t;
    let f: [Figure; 5] = row
        .yearly
        .map(|w| words.numbers.figure(&format::wage(w, Period::Yearly)));
    let published = |i: usize| {
        f.get(i)
            .is_some_and(|f| f.status != FigureStatus::NotPublished)
    };
    let mut s = t.fill(
        "chart_wage_median",
        &[("area", &row.area), ("median", &f[2].text)],
    );
    if published(1) && published(3) {
        s += &t.fill(
            "chart_wage_half",
            &[("p25", &f[1].text), ("p75", &f[3].text)],
        );
    }
    if published(0) {
        s += &t.fill("chart_wage_p10", &[("p10", &f[0].text)]);
    }
    if published(4) {
        s += &t.fill("chart_wage_p90", &[("p90", &f[4].text)]);
    }
    s.push('.');
    let missing: Vec<&str> = PERCENTILES
        .iter()
        .enumerate()
        .filter(|&(i, _)| i != 2 && !published(i))
        .map(|(_, key)| t.get(key))
        .collect();
    if !missing.is_empty() {
        let key = if missing.len() == 1 {
            "chart_wage_missing_one"
        } else {
            "chart_wage_missing_many"
        };
        s += &t.fill(key, &[("which", &join_words(&missing, t.get("and")))]);
    }
    if f.iter().any(|x| x.derived) {
        s += t.get("chart_wage_derived");
    }
    s
}

/// The keys of the percentiles' names in the strings.
const PERCENTILES: [&str; 5] = [
    "chart_p10",
    "chart_p25",
    "chart_median",
    "chart_p75",
    "chart_p90",
];

/// `a`, `a and b`, `a, b and c`.
fn join_words(words: &[&str], and: &str) -> String {
    match words {
        [] => String::new(),
        [one] => one.to_string(),
        [rest @ .., last] => format!("{} {and} {last}", rest.join(", ")),
    }
}

/// The outlook chart of a table, or `None` when no growth is published.
pub fn outlook_chart(table: &OutlookTable, words: &Words) -> Option<OutlookChart> {
    let values: Vec<f64> = table
        .areas
        .iter()
        .flat_map(|r| [r.growth, r.growth_all])
        .flatten()
        .map(|n| n.value)
        .filter(|v| v.is_finite())
        .collect();
    let min = values.iter().copied().reduce(f64::min)?.min(0.0);
    let max = values.iter().copied().reduce(f64::max)?.max(0.0);
    let (lo, hi, step) = nice_range(min, max, 4);
    let scale = Scale {
        lo,
        hi,
        left: PLOT_LEFT + LABEL_ROOM,
        right: PLOT_RIGHT - LABEL_ROOM + 40.0,
    };
    let top = 34.0;
    let mut y = top;
    let rows: Vec<OutlookChartRow> = table
        .areas
        .iter()
        .map(|row| {
            let lines = wrap(&row.area, label_chars(row.depth));
            let height = row_height(OUTLOOK_ROW, lines.len());
            let drawn = outlook_row(row, lines, &scale, y + (height - OUTLOOK_ROW) / 2.0, words);
            y += height;
            drawn
        })
        .collect();
    let axis_y = y + 2.0;
    let decimals = if step.fract() == 0.0 { 0 } else { 1 };
    Some(OutlookChart {
        frame: Frame::new(scale.left, scale.right, top, axis_y),
        zero_x: Coord(scale.x(0.0)),
        title: words.t.get("chart_outlook_title").into(),
        description: outlook_description(table, words),
        ticks: ticks(&scale, step, |v| {
            words
                .numbers
                .number(&format::percent(Some(Number::new(v, decimals))).text)
        }),
        legend: legend(words.t),
        rows,
    })
}

fn legend(t: &Strings) -> Vec<LegendItem> {
    let item = |series, label: &str, x: f64| LegendItem {
        series,
        label: label.to_string(),
        swatch: Rect {
            x: Coord(x),
            y: Coord(6.0),
            width: Coord(18.0),
            height: Coord(12.0),
        },
        text_x: Coord(x + 24.0),
        text_y: Coord(16.0),
    };
    vec![
        item("occupation", t.get("chart_this_occupation"), PLOT_LEFT),
        item("all", t.get("chart_all_occupations"), PLOT_LEFT + 150.0),
    ]
}

fn outlook_row(
    row: &OutlookRow,
    lines: Vec<String>,
    scale: &Scale,
    top: f64,
    words: &Words,
) -> OutlookChartRow {
    OutlookChartRow {
        area: row.area.clone(),
        depth: row.depth,
        label: label_lines(lines, row.depth, top + OUTLOOK_ROW / 2.0),
        bars: vec![
            bar("occupation", row.growth, scale, top + 6.0, words),
            bar("all", row.growth_all, scale, top + 22.0, words),
        ],
    }
}

fn bar(series: &'static str, value: Option<Number>, scale: &Scale, y: f64, words: &Words) -> Bar {
    let zero = scale.x(0.0);
    let figure = words.numbers.figure(&format::percent(value));
    let label_y = y + 10.0;
    match figure.value.filter(|v| v.is_finite()) {
        None => Bar {
            series,
            rect: None,
            figure,
            label_x: Coord(zero + 4.0),
            label_y: Coord(label_y),
            anchor: "start",
        },
        Some(v) => {
            let end = scale.x(v);
            let (x, width) = (zero.min(end), round1((end - zero).abs()));
            let negative = v < 0.0;
            Bar {
                series,
                rect: Some(Rect {
                    x: Coord(x),
                    y: Coord(y),
                    width: Coord(width),
                    height: Coord(13.0),
                }),
                figure,
                label_x: if negative {
                    Coord(end - 4.0)
                } else {
                    Coord(end + 4.0)
                },
                label_y: Coord(label_y),
                anchor: if negative { "end" } else { "start" },
            }
        }
    }
}

/// The outlook chart's description: each area's growth beside all occupations'.
pub fn outlook_description(table: &OutlookTable, words: &Words) -> String {
    let t = words.t;
    let over = table.period.as_deref().map_or_else(
        || t.get("chart_over_projection_period").to_string(),
        |p| t.fill("chart_over_period", &[("period", p)]),
    );
    let mut text = t.get("chart_outlook_intro").to_string();
    // "change by not published" does not read: the amount is named as
    // not published instead.
    let change = |n: Option<Number>| {
        let figure = format::percent(n);
        match figure.status {
            FigureStatus::NotPublished => t.get("chart_amount_not_published").to_string(),
            _ => words.numbers.figure(&figure).text,
        }
    };
    for row in &table.areas {
        text += &t.fill(
            "chart_outlook_row",
            &[
                ("area", &row.area),
                ("growth", &change(row.growth)),
                ("over", &over),
                ("all", &change(row.growth_all)),
            ],
        );
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::model::OutlookRow;

    fn english() -> Words<'static> {
        let t: &'static Strings = Box::leak(Box::new(Strings::built_in("en")));
        let numbers = Box::leak(Box::new(t.localizer("en-US")));
        Words { t, numbers }
    }

    fn n(v: f64) -> Option<Amount> {
        Some(Amount::Exact(Number::new(v, 0)))
    }

    fn row(area: &str, depth: usize, yearly: [Amount; 5]) -> WageRow {
        WageRow::derive(
            area.into(),
            (depth > 0).then(|| "Washington".into()),
            depth,
            None,
            None,
            Some(yearly),
        )
    }

    fn exact(v: f64) -> Amount {
        n(v).unwrap()
    }

    fn table(rows: Vec<WageRow>) -> WageTable {
        WageTable {
            source: None,
            as_of: None,
            areas: rows,
        }
    }

    fn washington() -> WageRow {
        row(
            "Washington",
            0,
            [31610.0, 35760.0, 43500.0, 54920.0, 65620.0].map(exact),
        )
    }

    #[test]
    fn nice_ranges_cover_the_values() {
        assert_eq!(nice_range(31610.0, 65620.0, 5), (30000.0, 70000.0, 10000.0));
        assert_eq!(nice_range(-2.0, 19.4, 4), (-10.0, 20.0, 10.0));
        let (lo, hi, step) = nice_range(5.0, 5.0, 4);
        assert!(lo < 5.0 && hi > 5.0 && step > 0.0);
        assert_eq!(nice_range(f64::NAN, 1.0, 4), (0.0, 1.0, 1.0));
    }

    #[test]
    fn the_scale_maps_values_linearly() {
        let s = Scale {
            lo: 30000.0,
            hi: 70000.0,
            left: 190.0,
            right: 570.0,
        };
        assert_eq!(s.x(30000.0), 190.0);
        assert_eq!(s.x(70000.0), 570.0);
        assert_eq!(s.x(43500.0), 318.3);
        let t = ticks(&s, 10000.0, |v| format::money(v, false));
        assert_eq!(t.len(), 5);
        assert_eq!((t[1].x, t[1].label.as_str()), (Coord(285.0), "$40,000"));
    }

    #[test]
    fn coordinates_print_as_tera_prints_numbers() {
        let text = |v: f64| serde_json::to_value(Coord(v)).unwrap();
        for v in [0.0, 120.0, 123.4, 0.5, 1234567.8, -3.5, -0.5, -0.0, 640.0] {
            assert_eq!(text(v), format!("{v:?}"), "{v}");
        }
        // Not a whole number of tenths: printed in full.
        assert_eq!(text(1.0 / 3.0), format!("{:?}", 1.0 / 3.0));
    }

    #[test]
    fn one_scale_for_all_areas_and_nested_labels_indent() {
        let bellingham = row(
            "Bellingham",
            1,
            [26779.0, 34852.0, 42852.0, 49972.0, 57889.0].map(exact),
        );
        let chart = wage_chart(&table(vec![washington(), bellingham]), &english()).unwrap();
        assert_eq!(chart.ticks.first().unwrap().label, "$20,000");
        assert_eq!(chart.ticks.last().unwrap().label, "$70,000");
        let (w, b) = (&chart.rows[0], &chart.rows[1]);
        assert!(b.label[0].x > w.label[0].x);
        let close = |a: f64, b: f64| (a - b).abs() < 0.06;
        assert!(close(
            w.median.as_ref().unwrap().x.0,
            190.0 + 23500.0 / 50000.0 * 380.0
        ));
        let band = w.band.as_ref().unwrap();
        assert!(close(band.x.0, 190.0 + 15760.0 / 50000.0 * 380.0));
        assert!(chart
            .description
            .contains("In Washington the median yearly wage is $43,500; half of workers earn between $35,760 and $54,920"));
    }

    #[test]
    fn missing_percentiles_are_not_drawn_and_said() {
        let r = row(
            "Washington",
            0,
            [
                Amount::NotPublished,
                exact(35760.0),
                exact(43500.0),
                Amount::NotPublished,
                Amount::AtLeast(Number::new(239200.0, 0)),
            ],
        );
        let chart = wage_chart(&table(vec![r]), &english()).unwrap();
        let r = &chart.rows[0];
        assert!(r.band.is_none());
        assert_eq!(r.caps.len(), 1, "only the 90th percentile has a cap");
        assert_eq!(r.or_more.len(), 1);
        assert_eq!(r.or_more[0].x, r.caps[0].x, "drawn to its bound");
        assert!(chart
            .description
            .contains("The 10th percentile and 75th percentile are not published and not drawn."));
        assert!(chart.description.contains("$239,200 or more"));
        let none = row("Nowhere", 0, [Amount::NotPublished; 5]);
        assert!(wage_chart(&table(vec![none]), &english()).is_none());
    }

    #[test]
    fn negative_growth_is_drawn_left_of_zero() {
        let t = OutlookTable {
            source: None,
            period: Some("2017-2027".into()),
            areas: vec![OutlookRow {
                area: "King County".into(),
                within: None,
                depth: 0,
                employment: None,
                growth: Some(Number::new(-2.0, 1)),
                growth_all: None,
                openings: None,
            }],
        };
        let chart = outlook_chart(&t, &english()).unwrap();
        let bars = &chart.rows[0].bars;
        let rect = bars[0].rect.as_ref().unwrap();
        assert_eq!(rect.x.0 + rect.width.0, chart.zero_x.0);
        assert_eq!(bars[0].anchor, "end");
        assert_eq!(bars[0].figure.text, "\u{2212}2.0%");
        assert!(bars[1].rect.is_none());
        assert!(chart
            .description
            .contains("change by \u{2212}2.0% over 2017-2027"));
        assert!(chart
            .description
            .contains("an amount that is not published"));
    }

    #[test]
    fn long_labels_wrap() {
        let long = "Asotin, Columbia, Ferry, Garfield, Lincoln, Pend Oreille, Stevens, Walla Walla, and Whitman Counties";
        let lines = wrap(long, 26);
        assert!(lines.len() > 2 && lines.iter().all(|l| l.chars().count() <= 26));
        assert_eq!(lines.join(" "), long);
        assert_eq!(wrap("abcdef", 4), ["abcd", "ef"]);
        assert_eq!(wrap("", 4), [""]);
    }

    #[test]
    fn words_join_naturally() {
        assert_eq!(join_words(&["a", "b", "c"], "and"), "a, b and c");
        assert_eq!(join_words(&["a"], "y"), "a");
    }
}
