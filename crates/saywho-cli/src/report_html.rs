//! The HTML report: one self-contained page (inline CSS, charts as inline SVG drawn with
//! plotters' SVG backend), readable with no network. Every string from the data is escaped.
use crate::report_cmd::{first, pct};
use anyhow::{anyhow, Result};
use plotters::prelude::*;
use saywho_store::{Count, GenderShare, Report};
use std::fmt::Write as _;

/// Bars in a chart at most; the tables below each chart list every row.
const CHART_ROWS: usize = 20;
const WIDTH: u32 = 760;
const FEMALE: RGBColor = RGBColor(0xc2, 0x18, 0x5b);
const MALE: RGBColor = RGBColor(0x19, 0x76, 0xd2);
const UNKNOWN: RGBColor = RGBColor(0xb0, 0xb0, 0xb0);
const BAR: RGBColor = RGBColor(0x45, 0x7b, 0x9d);

const STYLE: &str = "body{font-family:system-ui,sans-serif;max-width:820px;margin:2em auto;color:#222;padding:0 1em}
table{border-collapse:collapse;margin:1em 0;font-size:14px}td,th{border-bottom:1px solid #ddd;padding:3px 8px;text-align:left}
td.n,th.n{text-align:right}h2{margin-top:2em;border-bottom:2px solid #457b9d}.key{color:#777;font-size:12px}
.legend span{display:inline-block;width:12px;height:12px;margin:0 4px 0 12px;vertical-align:middle}
.totals td{font-size:20px;padding-right:2em}svg{max-width:100%;height:auto}";

/// Escapes text for HTML content and attribute values.
pub(crate) fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// The whole page.
pub(crate) fn render(r: &Report, scope: &[(String, String)]) -> Result<String> {
    let mut h = String::with_capacity(64 * 1024);
    let _ = write!(
        h,
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Who is quoted</title><style>{STYLE}</style></head><body>\n<h1>Who is quoted</h1>\n<ul>"
    );
    for (k, v) in scope {
        let _ = write!(h, "<li>{}: <b>{}</b></li>", esc(k), esc(v));
    }
    let _ = write!(
        h,
        "</ul>\n<table class=\"totals\"><tr><td>{}<br><small>documents</small></td><td>{}<br><small>with quotes</small></td><td>{}<br><small>quotes</small></td><td>{}<br><small>error records</small></td></tr></table>\n",
        r.documents, r.documents_with_quotes, r.quotes, r.errors
    );
    for (title, rows) in [
        ("Most quoted people", &r.people),
        ("Most quoted organisations", &r.organizations),
    ] {
        let _ = writeln!(h, "<h2>{title}</h2>");
        if !rows.is_empty() {
            h.push_str(&bars(rows)?);
        }
        count_table(&mut h, rows, true);
    }
    h.push_str(
        "<h2>Gender of quoted people</h2>\n<p>People: distinct speakers (by entity key) shown as persons, each with the gender \
         most of their articles show. Quotes: each quote by a person, with the gender its own article shows.</p>\n<p class=\"legend\">",
    );
    for (name, c) in [("women", FEMALE), ("men", MALE), ("unknown", UNKNOWN)] {
        let _ = write!(
            h,
            "<span style=\"background:rgb({},{},{})\"></span>{name}",
            c.0, c.1, c.2
        );
    }
    h.push_str("</p>\n");
    let overall = GenderShare {
        group: "all".into(),
        ..r.gender.clone()
    };
    h.push_str(&shares_chart(std::slice::from_ref(&overall))?);
    share_table(&mut h, std::slice::from_ref(&overall));
    for (title, groups) in [("By outlet", &r.gender_by_outlet), ("By month", &r.gender_by_month)] {
        let _ = writeln!(h, "<h3>{title}</h3>");
        if !groups.is_empty() {
            h.push_str(&shares_chart(&groups[..groups.len().min(CHART_ROWS * 2)])?);
        }
        share_table(&mut h, groups);
    }
    h.push_str("<h2>Channels</h2>\n");
    if !r.channels.is_empty() {
        h.push_str(&bars(&r.channels)?);
    }
    count_table(&mut h, &r.channels, false);
    h.push_str("<h2>Kinds of quote</h2>\n");
    count_table(&mut h, &r.kinds, false);
    h.push_str("</body></html>\n");
    Ok(h)
}

fn count_table(h: &mut String, rows: &[Count], speakers: bool) {
    if rows.is_empty() {
        h.push_str("<p>None.</p>\n");
        return;
    }
    let gender_head = if speakers { "<th>gender</th>" } else { "" };
    let _ = write!(
        h,
        "<table><tr><th></th><th class=\"n\">quotes</th><th class=\"n\">documents</th>{gender_head}</tr>"
    );
    for c in rows {
        let key = if speakers && c.key != c.name {
            format!(" <span class=\"key\">{}</span>", esc(&c.key))
        } else {
            String::new()
        };
        let gender = if speakers {
            format!("<td>{}</td>", esc(c.gender.as_deref().unwrap_or("-")))
        } else {
            String::new()
        };
        let _ = write!(
            h,
            "<tr><td>{}{key}</td><td class=\"n\">{}</td><td class=\"n\">{}</td>{gender}</tr>",
            esc(&c.name),
            c.quotes,
            c.documents
        );
    }
    h.push_str("</table>\n");
}

fn share_table(h: &mut String, groups: &[GenderShare]) {
    h.push_str(
        "<table><tr><th></th><th class=\"n\">people</th><th class=\"n\">women</th><th class=\"n\">men</th><th class=\"n\">unknown</th>\
         <th class=\"n\">quotes</th><th class=\"n\">by women</th><th class=\"n\">by men</th><th class=\"n\">unknown</th></tr>",
    );
    for g in groups {
        let (p, q) = (&g.people, &g.quotes);
        let _ = write!(h, "<tr><td>{}</td><td class=\"n\">{}</td>", esc(&g.group), p.total());
        for n in [p.female, p.male, p.unknown] {
            let _ = write!(h, "<td class=\"n\">{}</td>", pct(p, n));
        }
        let _ = write!(h, "<td class=\"n\">{}</td>", q.total());
        for n in [q.female, q.male, q.unknown] {
            let _ = write!(h, "<td class=\"n\">{}</td>", pct(q, n));
        }
        h.push_str("</tr>");
    }
    h.push_str("</table>\n");
}

/// A chart label: short enough for the label area. (plotters escapes the text it writes.)
fn label(s: &str) -> String {
    crate::search_cmd::shorten_end(s, 28)
}

/// Horizontal bars of quote counts, largest on top.
fn bars(rows: &[Count]) -> Result<String> {
    let rows = first(rows, CHART_ROWS);
    let max = rows.iter().map(|c| c.quotes).max().unwrap_or(1).max(1) as f64;
    let labels: Vec<String> = rows.iter().map(|c| label(&c.name)).collect();
    let bars = rows.iter().enumerate().map(|(i, c)| Bar {
        row: i as u32,
        from: 0.0,
        to: c.quotes as f64,
        color: BAR,
    });
    bar_chart(&labels, 22, 190, max * 1.05, "quotes", bars)
}

/// For each group, two 100% stacked bars (people, then quotes) of women, men and unknown.
fn shares_chart(groups: &[GenderShare]) -> Result<String> {
    let labels: Vec<String> = groups
        .iter()
        .flat_map(|g| {
            [
                format!("{} · people", label(&g.group)),
                format!("{} · quotes", label(&g.group)),
            ]
        })
        .collect();
    let mut bars = Vec::new();
    for (i, share) in groups.iter().flat_map(|g| [g.people, g.quotes]).enumerate() {
        let mut x = 0.0;
        for (count, color) in [(share.female, FEMALE), (share.male, MALE), (share.unknown, UNKNOWN)] {
            let w = share.percent(count);
            bars.push(Bar {
                row: i as u32,
                from: x,
                to: x + w,
                color,
            });
            x += w;
        }
    }
    bar_chart(&labels, 24, 220, 100.0, "% of the group", bars)
}

/// A horizontal bar (or a piece of a stacked one): its row, counted from the top, where it
/// starts and ends on the x axis, and its colour.
struct Bar {
    row: u32,
    from: f64,
    to: f64,
    color: RGBColor,
}

/// An SVG chart of horizontal bars: one row per label, top down, `row_height` pixels each, the
/// labels in a `label_width` area on the left, and an x axis from 0 to `x_max` named `x_desc`.
fn bar_chart(
    labels: &[String],
    row_height: u32,
    label_width: u32,
    x_max: f64,
    x_desc: &str,
    bars: impl IntoIterator<Item = Bar>,
) -> Result<String> {
    let n = labels.len() as u32;
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (WIDTH, 60 + row_height * n)).into_drawing_area();
        root.fill(&WHITE).map_err(chart_error)?;
        let mut chart = ChartBuilder::on(&root)
            .margin(8)
            .margin_right(24)
            .x_label_area_size(40)
            .y_label_area_size(label_width)
            .build_cartesian_2d(0f64..x_max, (0..n).into_segmented())
            .map_err(chart_error)?;
        chart
            .configure_mesh()
            .disable_y_mesh()
            .light_line_style(WHITE)
            .label_style(("sans-serif", 13))
            .axis_desc_style(("sans-serif", 13))
            .y_labels(n as usize)
            .y_label_formatter(&|v| row_label(v, labels))
            .x_desc(x_desc)
            .draw()
            .map_err(chart_error)?;
        chart
            .draw_series(bars.into_iter().map(|bar| {
                let y = n - 1 - bar.row;
                Rectangle::new(
                    [(bar.from, SegmentValue::Exact(y)), (bar.to, SegmentValue::Exact(y + 1))],
                    bar.color.filled(),
                )
            }))
            .map_err(chart_error)?;
        root.present().map_err(chart_error)?;
    }
    Ok(svg)
}

/// The label of the bar at a segment's centre (bars are drawn top-down from the last row).
fn row_label(v: &SegmentValue<u32>, labels: &[String]) -> String {
    match v {
        SegmentValue::CenterOf(y) => {
            let i = labels.len().checked_sub(1 + *y as usize);
            i.and_then(|i| labels.get(i)).cloned().unwrap_or_default()
        }
        _ => String::new(),
    }
}

fn chart_error<E: std::fmt::Display>(e: E) -> anyhow::Error {
    anyhow!("cannot draw a chart: {e}")
}
