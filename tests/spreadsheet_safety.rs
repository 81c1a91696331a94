//! `occupations.csv` opens safely in a spreadsheet: a text cell that
//! starts with `=`, `+`, `-`, `@`, a tab or a carriage return gets a
//! leading `'` (the OWASP rule against CSV injection), while the figures,
//! negative growth included, stay numbers. A reproduction of issue 13.

mod common;

use common::*;

const HOSTILE: &str = r#"---
title: '=HYPERLINK("http://evil.example/","Click")'
soc: "29-2071"
summary: Keep medical records.
cluster: "@SUM(1+1)*cmd|' /C calc'!A0"
education: associate
wages:
  source: "+cmd|' /C calc'!A0"
  as_of: "-2019"
  areas:
    - area: "-1+1"
      hourly: [15.20, 17.19, 20.91, 26.40, 31.55]
outlook:
  source: "=1+1"
  period: "@2017"
  areas:
    - area: "-1+1"
      employment: 5050
      growth: -3.5
      growth_all: 16.1
      openings: 523
---
Text.
"#;

#[test]
fn text_cells_that_start_a_formula_are_prefixed_and_figures_stay_numbers() {
    let site = TestSite::new().file("content/techs.md", HOSTILE);
    let report = site.build();
    assert!(report.succeeded(), "{}", show(&report.diagnostics));
    let text = site.output("occupations.csv");
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let header: Vec<String> = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_string)
        .collect();
    let row = reader.records().next().unwrap().unwrap();
    let cell = |name: &str| {
        let i = header.iter().position(|h| h == name).unwrap();
        row.get(i).unwrap().to_string()
    };
    assert_eq!(
        cell("title"),
        "'=HYPERLINK(\"http://evil.example/\",\"Click\")"
    );
    assert_eq!(cell("cluster"), "'@SUM(1+1)*cmd|' /C calc'!A0");
    assert_eq!(cell("area"), "'-1+1");
    assert_eq!(cell("wage_source"), "'+cmd|' /C calc'!A0");
    assert_eq!(cell("wage_as_of"), "'-2019");
    assert_eq!(cell("outlook_source"), "'=1+1");
    assert_eq!(cell("outlook_period"), "'@2017");
    // Figures are numbers the build writes: never prefixed.
    assert_eq!(cell("growth_pct"), "-3.5");
    assert_eq!(cell("hourly_p10"), "15.20");
    assert_eq!(cell("soc"), "29-2071");
    // No cell of the file starts a formula.
    for record in csv::Reader::from_reader(text.as_bytes()).records() {
        for field in record.unwrap().iter() {
            let number = field.parse::<f64>().is_ok();
            assert!(
                number || !field.starts_with(['=', '+', '-', '@', '\t', '\r']),
                "{field:?}"
            );
        }
    }
    // The page and the JSON keep the text as written.
    let json = site.output("occupations.json");
    assert!(json.contains(r#""title":"=HYPERLINK("#), "{json}");
}
