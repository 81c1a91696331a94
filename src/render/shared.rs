//! Listing entries converted into template values once and shared by
//! every page that shows them.
//!
//! Turning data into Tera values is most of the cost of rendering a page
//! (every struct becomes a map). A profile's listing entry appears on its
//! related careers' pages, the home page, its term pages and the rankings:
//! converted on first use and kept for the rest of the render, each further
//! use is a reference-count increment, because Tera copies a `tera::Value`
//! it meets while converting a context by reference instead of converting
//! it again. The values belong to the render stage, kept per resolved site
//! beside it; the site itself holds only data.

use std::sync::OnceLock;

use serde::{Serialize, Serializer};

use crate::format::Localizer;
use crate::site::{PageId, ProfileSummary};

/// One slot per page of a resolved site.
/// The values show the figures in the language's words and locale.
pub struct SummaryValues(Vec<OnceLock<tera::Value>>, Localizer);

impl SummaryValues {
    pub fn new(pages: usize, numbers: Localizer) -> Self {
        SummaryValues((0..pages).map(|_| OnceLock::new()).collect(), numbers)
    }

    /// The entry of page `id`, with its value made on first use.
    pub fn value<'a>(&'a self, id: PageId, data: &'a ProfileSummary) -> SummaryValue<'a> {
        SummaryValue {
            data,
            value: self.0.get(id),
            numbers: &self.1,
        }
    }
}

/// A listing entry as a template sees it.
#[derive(Clone, Copy)]
pub struct SummaryValue<'a> {
    data: &'a ProfileSummary,
    /// `None` only for a page id beyond the slots (then converted each time).
    value: Option<&'a OnceLock<tera::Value>>,
    numbers: &'a Localizer,
}

impl std::ops::Deref for SummaryValue<'_> {
    type Target = ProfileSummary;

    fn deref(&self) -> &ProfileSummary {
        self.data
    }
}

/// Into a template context: the kept value. Into anything else (JSON):
/// the entry itself, so the field order stays the entry's.
impl Serialize for SummaryValue<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self.value {
            Some(cell) if is_template_value::<S>() => cell
                .get_or_init(|| {
                    if self.numbers.is_identity() {
                        tera::Value::from_serializable(self.data)
                    } else {
                        let localized = super::context::localized_summary(self.data, self.numbers);
                        tera::Value::from_serializable(&localized)
                    }
                })
                .serialize(serializer),
            _ => self.data.serialize(serializer),
        }
    }
}

/// Whether `S` is Tera's value serializer (the only one that can take the
/// kept value as it is). Either answer gives the same data: a wrong "no"
/// only costs the conversion this type saves.
fn is_template_value<S>() -> bool {
    std::any::type_name::<S>().starts_with("tera::")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::format::Figure;

    #[test]
    fn json_keeps_field_order_and_templates_see_the_same_data() {
        let entry = ProfileSummary {
            title: "Nurses".into(),
            url: "/nurses/".into(),
            soc: "29-1141".into(),
            summary: None,
            area: None,
            median_yearly: Figure::not_published(),
            growth: Figure::not_published(),
            openings: Figure::not_published(),
            lang: None,
            summary_lang: None,
        };
        let values = SummaryValues::new(
            1,
            Localizer::new(
                crate::format::NOT_PUBLISHED,
                crate::format::NO_WAGES,
                "{amount} or more",
                "en",
            ),
        );
        let shared = values.value(0, &entry);
        assert!(serde_json::to_string(&shared)
            .unwrap()
            .starts_with(r#"{"title":"Nurses","url":"/nurses/","soc":"29-1141""#));
        let mut context = tera::Context::new();
        context.insert("entries", &vec![&shared, &shared]);
        let out = tera::Tera::one_off(
            "{% for e in entries %}{{ e.title }} {{ e.url }};{% endfor %}",
            &context,
            true,
        )
        .unwrap();
        assert_eq!(out, "Nurses /nurses/;Nurses /nurses/;");
    }
}
