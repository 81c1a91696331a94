//! [`Shared`]: data converted into a template value once and shared by
//! every page that shows it.
//!
//! Turning data into Tera values is most of the cost of rendering a page
//! (every struct becomes a map). A profile's listing entry appears on its
//! related careers' pages, the home page, its term pages and the rankings:
//! converted on first use and kept, each further use is a reference-count
//! increment, because Tera copies a `tera::Value` it meets while converting
//! a context by reference instead of converting it again.

use std::sync::OnceLock;

use serde::{Serialize, Serializer};

/// `T`, with its template value made on first use.
#[derive(Debug, Clone)]
pub struct Shared<T> {
    data: T,
    value: OnceLock<tera::Value>,
}

impl<T: Serialize> Shared<T> {
    pub fn new(data: T) -> Self {
        Shared {
            data,
            value: OnceLock::new(),
        }
    }

    fn value(&self) -> &tera::Value {
        self.value
            .get_or_init(|| tera::Value::from_serializable(&self.data))
    }
}

impl<T> std::ops::Deref for Shared<T> {
    type Target = T;

    fn deref(&self) -> &T {
        &self.data
    }
}

/// Into a template context: the kept value. Into anything else (JSON):
/// `T` itself, so the field order stays `T`'s.
impl<T: Serialize> Serialize for Shared<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        if is_template_value::<S>() {
            self.value().serialize(serializer)
        } else {
            self.data.serialize(serializer)
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

    #[derive(Serialize)]
    struct Entry {
        title: &'static str,
        url: &'static str,
    }

    #[test]
    fn json_keeps_field_order_and_templates_see_the_same_data() {
        let shared = Shared::new(Entry {
            title: "Nurses",
            url: "/nurses/",
        });
        assert_eq!(
            serde_json::to_string(&shared).unwrap(),
            r#"{"title":"Nurses","url":"/nurses/"}"#
        );
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
